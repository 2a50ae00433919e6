-- wrk script: every request POSTs the same 12-line session to the playground's API.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = [[{"lines": ["EHLO client.example.org", "MAIL FROM:<alice@example.org>",
 "RCPT TO:<bob@example.com>", "RCPT TO:<nobody@example.com>", "DATA",
 "From: Alice <alice@example.org>", "To: Bob <bob@example.com>", "Subject: Bench", "",
 "Hello Bob.", ".", "QUIT"]}]]

-- Any answer but 200 is counted, so a broken endpoint cannot pass for a fast one.
local failed = 0
response = function(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end
