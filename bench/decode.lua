-- wrk script: every request POSTs the same short bounce to the decoder's API.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = [[{"text": "Reporting-MTA: dns; mx.example.net\nFinal-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table"}]]

-- Any answer but 200 is counted, so a broken endpoint cannot pass for a fast one.
done = function(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end
