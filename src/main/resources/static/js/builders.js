// The playground's AUTH helper and message builder. Everything is computed here, in the
// page: what the reader types goes nowhere until "Use in the playground" hands the lines to
// the terminal (playground.js), which plays them on the simulated server. Without this file
// the page shows the shell commands and the rules instead.
(function () {
  'use strict';

  var BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var SETUP_AUTH = ['EHLO client.example.org', 'STARTTLS', 'EHLO client.example.org'];
  var SETUP_MAIL = ['EHLO client.example.org'];
  var LINE_LIMIT = 998;      // RFC 5322 section 2.1.1, without the CRLF
  var FOLD_AT = 78;          // the same section's "SHOULD"
  var COMMAND_LIMIT = 512;   // RFC 5321 section 4.5.3.1.4, with the CRLF

  // The UTF-8 octets of a string, as an array of numbers.
  function utf8(text) {
    return Array.prototype.slice.call(new TextEncoder().encode(text));
  }

  function base64(bytes) {
    var out = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      out += BASE64.charAt((n >> 18) & 63) + BASE64.charAt((n >> 12) & 63);
      out += (i + 1 < bytes.length) ? BASE64.charAt((n >> 6) & 63) : '=';
      out += (i + 2 < bytes.length) ? BASE64.charAt(n & 63) : '=';
    }
    return out;
  }

  function hexByte(b) {
    return (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  }

  function hex(bytes) {
    return bytes.map(function (b) { return hexByte(b).toLowerCase(); }).join(' ');
  }

  // Fills {0}, {1}… in a text that came from the page's messages.
  function format(template, values) {
    return template.replace(/\{(\d)\}/g, function (all, i) { return String(values[+i]); });
  }

  function isAscii(text) {
    return /^[\x00-\x7f]*$/.test(text);
  }

  // Splits a string into code points, so that no encoded word cuts a character in two.
  function codePoints(text) {
    return text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) || [];
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function terminalLine(client, text) {
    var line = element('div', client ? 'line client' : 'line server');
    line.appendChild(element('span', 'marker', client ? 'C:' : 'S:'));
    line.appendChild(document.createTextNode(' ' + text));
    return line;
  }

  function replaceChildren(parent, children) {
    while (parent.firstChild) { parent.removeChild(parent.firstChild); }
    children.forEach(function (child) { parent.appendChild(child); });
  }

  // Hands a session to the terminal, which starts afresh and sends it line by line: on
  // the tool's own page, through sessionStorage to the playground it opens.
  function play(lines) {
    var log = document.getElementById('playground-log');
    if (!log) {
      try {
        window.sessionStorage.setItem('smtp-reference.playground.handoff', JSON.stringify({ lines: lines }));
      } catch (e) { /* without storage the playground opens empty */ }
      window.location.href = '/playground?lang=' + document.documentElement.lang;
      return;
    }
    document.dispatchEvent(new CustomEvent('playground:play', { detail: { lines: lines } }));
    log.scrollIntoView({ block: 'center' });
    log.focus({ preventScroll: true });
  }

  // The AUTH helper: the lines of four ways to log in, each with the bytes behind its base64.
  function setupAuth() {
    var form = document.getElementById('auth-form');
    var results = document.getElementById('auth-results');
    if (!form || !results || !window.TextEncoder) { return; }
    var text = form.dataset;
    var user = document.getElementById('auth-user');
    var secret = document.getElementById('auth-secret');
    var authzid = document.getElementById('auth-authzid');
    var sessions = {};

    function mechanism(name) {
      return results.querySelector('[data-mechanism="' + name + '"]');
    }

    function piece(value) { return { text: value, bytes: utf8(value) }; }

    function separator(label, byte, shown) {
      return { label: label, shown: shown, bytes: [byte] };
    }

    // One row per part: what it is, its text, its bytes in hex.
    function table(encoded, parts) {
      var total = [];
      var tableNode = element('table', 'table table-sm builder-byte-table');
      tableNode.appendChild(element('caption', null, format(text.caption, [encoded])));
      var head = element('thead');
      var headRow = element('tr');
      [text.colPart, text.colText, text.colBytes].forEach(function (label) {
        var cell = element('th', null, label);
        cell.scope = 'col';
        headRow.appendChild(cell);
      });
      head.appendChild(headRow);
      tableNode.appendChild(head);
      var body = element('tbody');
      parts.forEach(function (part) {
        var row = element('tr');
        row.appendChild(element('th', null, part.label)).scope = 'row';
        var textCell = element('td');
        if (part.shown) {
          textCell.appendChild(element('code', 'builder-separator', part.shown));
        } else if (part.bytes.length === 0) {
          textCell.appendChild(element('em', null, part.empty || text.emptyPart));
        } else {
          textCell.appendChild(element('code', null, part.text));
        }
        row.appendChild(textCell);
        row.appendChild(element('td', 'font-monospace builder-hex', part.bytes.length ? hex(part.bytes) : '—'));
        body.appendChild(row);
        total = total.concat(part.bytes);
      });
      tableNode.appendChild(body);
      var wrapper = element('div', 'table-responsive');
      wrapper.appendChild(tableNode);
      var summary = element('p', 'small', format(text.summary, [total.length, encoded.length]));
      return [wrapper, summary];
    }

    function show(name, exchange, tables, warning) {
      var section = mechanism(name);
      replaceChildren(section.querySelector('.builder-lines'), exchange.map(function (line) {
        return terminalLine(line.charAt(0) === 'C', line.substring(3));
      }));
      var bytes = section.querySelector('.builder-bytes');
      if (bytes) {
        var nodes = [];
        tables.forEach(function (t) { nodes = nodes.concat(t); });
        replaceChildren(bytes, nodes);
      }
      var note = section.querySelector('.builder-warning');
      if (note) {
        note.hidden = !warning;
        note.textContent = warning || '';
      }
    }

    function tooLong(line) {
      var length = utf8(line).length + 2;
      return length > COMMAND_LIMIT ? format(text.long, [length]) : null;
    }

    function render() {
      var u = piece(user.value);
      var s = piece(secret.value);
      var z = piece(authzid.value);
      var nul = separator(text.partNul, 0, 'NUL');
      var plainParts = [
        { label: text.partAuthzid, text: z.text, bytes: z.bytes, empty: text.empty },
        nul,
        { label: text.partUser, text: u.text, bytes: u.bytes },
        nul,
        { label: text.partSecret, text: s.text, bytes: s.bytes }
      ];
      var plain = base64([].concat(z.bytes, [0], u.bytes, [0], s.bytes));
      var plainLine = 'AUTH PLAIN ' + plain;
      show('plain', ['C: ' + plainLine], [table(plain, plainParts)], tooLong(plainLine));
      show('plain2', ['C: AUTH PLAIN', 'S: 334 ', 'C: ' + plain], [], null);
      sessions.plain = [plainLine];
      sessions.plain2 = ['AUTH PLAIN', plain];

      var loginUser = base64(u.bytes);
      var loginSecret = base64(s.bytes);
      show('login', ['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: ' + loginUser, 'S: 334 UGFzc3dvcmQ6', 'C: ' + loginSecret],
        [table(loginUser, [{ label: text.partUser, text: u.text, bytes: u.bytes }]),
          table(loginSecret, [{ label: text.partSecret, text: s.text, bytes: s.bytes }])], null);
      sessions.login = ['AUTH LOGIN', loginUser, loginSecret];

      var ctrlA = separator(text.partCtrla, 1, '^A');
      var userLabel = piece('user=');
      var authLabel = piece('auth=Bearer ');
      var xoauthParts = [
        { label: text.partLabel, text: userLabel.text, bytes: userLabel.bytes },
        { label: text.partUser, text: u.text, bytes: u.bytes },
        ctrlA,
        { label: text.partLabel, text: authLabel.text, bytes: authLabel.bytes },
        { label: text.partSecret, text: s.text, bytes: s.bytes },
        ctrlA,
        ctrlA
      ];
      var xoauth = base64([].concat(userLabel.bytes, u.bytes, [1], authLabel.bytes, s.bytes, [1, 1]));
      var xoauthLine = 'AUTH XOAUTH2 ' + xoauth;
      show('xoauth2', ['C: ' + xoauthLine], [table(xoauth, xoauthParts)], tooLong(xoauthLine));
      sessions.xoauth2 = [xoauthLine];
    }

    Array.prototype.forEach.call(results.querySelectorAll('.auth-mechanism'), function (section) {
      section.querySelector('.builder-play').addEventListener('click', function () {
        play(SETUP_AUTH.concat(sessions[section.dataset.mechanism]));
      });
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('input', render);
    form.hidden = false;
    results.hidden = false;
    render();
  }

  // RFC 2047 encoded-words for non-ASCII header text: UTF-8, split between characters,
  // never inside one, each word short enough that a line holding the field's name and one
  // word stays within the 76 characters section 2 allows.
  function encodedWords(value, kind) {
    var room = 66 - '=?UTF-8?B??='.length;
    var words = [];
    var current = [];
    function encode(bytes) {
      if (kind === 'B') { return base64(bytes); }
      // Q as allowed inside a phrase (RFC 2047 section 5 (3)), which is safe everywhere.
      return bytes.map(function (b) {
        if (b === 0x20) { return '_'; }
        if (/[A-Za-z0-9!*+\-\/]/.test(String.fromCharCode(b)) && b < 0x80) { return String.fromCharCode(b); }
        return '=' + hexByte(b);
      }).join('');
    }
    codePoints(value).forEach(function (c) {
      var next = current.concat(utf8(c));
      if (current.length > 0 && encode(next).length > room) {
        words.push(encode(current));
        next = utf8(c);
      }
      current = next;
    });
    if (current.length > 0) { words.push(encode(current)); }
    return words.map(function (w) { return '=?UTF-8?' + kind + '?' + w + '?='; });
  }

  // Folds a header field at spaces so that lines stay within 78 characters where they can
  // (76 with encoded-words); answers null when a line would still pass 998 octets.
  function fold(name, value) {
    var limit = value.indexOf('=?') >= 0 ? 76 : FOLD_AT;
    var words = value.split(' ');
    var lines = [];
    var current = name + ': ' + words[0];
    for (var i = 1; i < words.length; i++) {
      if (words[i] !== '' && current.length + 1 + words[i].length > limit && current.trim() !== name + ':') {
        lines.push(current);
        current = ' ' + words[i];
      } else {
        current += ' ' + words[i];
      }
    }
    lines.push(current);
    var fits = lines.every(function (line) { return utf8(line).length <= LINE_LIMIT; });
    return fits ? lines : null;
  }

  // Quoted-printable (RFC 2045 section 6.7): one hard line at a time, soft breaks keep each
  // encoded line within 76 characters.
  function quotedPrintable(lines) {
    var out = [];
    lines.forEach(function (line) {
      var bytes = utf8(line);
      var current = '';
      bytes.forEach(function (b, i) {
        var last = i === bytes.length - 1;
        var literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
        var piece = literal ? String.fromCharCode(b) : '=' + hexByte(b);
        if (current.length + piece.length > 75) {
          out.push(current + '=');
          current = '';
        }
        current += piece;
      });
      out.push(current);
    });
    return out;
  }

  function wrap(text, width) {
    var out = [];
    for (var i = 0; i < text.length; i += width) { out.push(text.substring(i, i + width)); }
    return out;
  }

  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function two(n) { return (n < 10 ? '0' : '') + n; }

  // The date as RFC 5322 section 3.3 writes it, in the reader's time zone.
  function messageDate(d) {
    var offset = -d.getTimezoneOffset();
    var sign = offset < 0 ? '-' : '+';
    offset = Math.abs(offset);
    return DAYS[d.getDay()] + ', ' + d.getDate() + ' ' + MONTHS[d.getMonth()] + ' ' + d.getFullYear() + ' '
      + two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds()) + ' '
      + sign + two(Math.floor(offset / 60)) + two(offset % 60);
  }

  function isAddress(address) {
    return /^[^\s<>()\[\],;:\\"@\x00-\x1f\x7f]+@[^\s<>()\[\],;:\\"@\x00-\x1f\x7f]+$/.test(address);
  }

  // The message builder: header fields and body become the lines a client sends after DATA.
  function setupMessage() {
    var form = document.getElementById('message-form');
    var results = document.getElementById('message-results');
    if (!form || !results || !window.TextEncoder) { return; }
    var text = form.dataset;
    function field(id) { return document.getElementById(id); }
    var date = field('message-date');
    var messageId = field('message-id');
    var playButton = field('message-play');
    var session = [];

    var fromAddress = field('message-from').value;
    var domain = /@([A-Za-z0-9.-]+)$/.exec(fromAddress);
    if (!date.value) { date.value = messageDate(new Date()); }
    if (!messageId.value) {
      messageId.value = '<' + Date.now().toString(36) + '.' + Math.random().toString(36).substring(2, 10)
        + '@' + (domain ? domain[1] : 'example.org') + '>';
    }

    function build() {
      var notes = [];
      var problems = [];
      var headerKind = field('message-header-encoding').value;
      var smtputf8 = false;
      var header = [];

      function add(name, value) {
        var lines = fold(name, value);
        if (lines === null) {
          problems.push(format(text.refuseHeader, [name]));
          return;
        }
        if (lines.length > 1) { notes.push(format(text.noteFolded, [name])); }
        header = header.concat(lines);
      }

      function mailbox(name, label, nameId, addressId) {
        var display = field(nameId).value.trim();
        var address = field(addressId).value.trim();
        if (address === '') {
          problems.push(format(text.noteMissing, [label]));
          return null;
        }
        if (!isAddress(address)) {
          problems.push(format(text.refuseAddress, [address]));
          return null;
        }
        if (!isAscii(address)) {
          smtputf8 = true;
          notes.push(format(text.noteSmtputf8, [address]));
        }
        var value = address;
        if (display !== '') {
          if (!isAscii(display)) {
            notes.push(format(text.noteEncoded, [label, headerKind]));
            value = encodedWords(display, headerKind).join(' ') + ' <' + address + '>';
          } else if (/^[A-Za-z0-9!#$%&'*+\/=?^_`{|}~ -]+$/.test(display)) {
            value = display + ' <' + address + '>';
          } else {
            value = '"' + display.replace(/(["\\])/g, '\\$1') + '" <' + address + '>';
          }
        }
        add(name, value);
        return address;
      }

      var from = mailbox('From', 'From', 'message-from-name', 'message-from');
      var to = mailbox('To', 'To', 'message-to-name', 'message-to');
      var subject = field('message-subject').value;
      if (!isAscii(subject)) {
        notes.push(format(text.noteEncoded, ['Subject', headerKind]));
        subject = encodedWords(subject, headerKind).join(' ');
      }
      add('Subject', subject);
      [['Date', date.value.trim()], ['Message-ID', messageId.value.trim()]].forEach(function (pair) {
        if (pair[1] === '') {
          problems.push(format(text.noteMissing, [pair[0]]));
        } else if (!isAscii(pair[1])) {
          problems.push(format(text.refuseAscii, [pair[0]]));
        } else {
          add(pair[0], pair[1]);
        }
      });

      // The body: its line ends become CRLF; the last line break is the one before the dot.
      var raw = field('message-body').value.replace(/\r\n|\r/g, '\n');
      if (raw.charAt(raw.length - 1) === '\n') { raw = raw.substring(0, raw.length - 1); }
      var lines = raw === '' ? [] : raw.split('\n');
      var ascii = isAscii(raw);
      var longest = 0;
      var longestAt = 0;
      lines.forEach(function (line, i) {
        var length = utf8(line).length;
        if (length > longest) { longest = length; longestAt = i; }
      });
      var chosen = field('message-body-encoding').value;
      var encoding;
      var qp = quotedPrintable(lines);
      var b64 = wrap(base64(utf8(lines.join('\r\n'))), 76);
      var qpLength = qp.join('\r\n').length;
      var b64Length = b64.join('\r\n').length;
      if (chosen === 'auto') {
        if (ascii && longest <= LINE_LIMIT) {
          encoding = '7bit';
          notes.push(text.noteSevenBit);
        } else if (ascii) {
          encoding = 'quoted-printable';
          notes.push(format(text.noteQpLong, [longestAt + 1, longest]));
        } else if (qpLength <= b64Length) {
          encoding = 'quoted-printable';
          notes.push(format(text.noteQp, [qpLength, b64Length]));
        } else {
          encoding = 'base64';
          notes.push(format(text.noteBase64, [qpLength, b64Length]));
        }
      } else {
        encoding = chosen;
        notes.push(format(chosen === '8bit' ? text.noteEightBit : text.noteChosen, [chosen]));
      }
      var body = lines;
      if (encoding === 'quoted-printable') {
        body = qp;
      } else if (encoding === 'base64') {
        body = b64;
      } else if (longest > LINE_LIMIT) {
        problems.push(format(text.refuseLine, [longestAt + 1, longest, encoding]));
      }
      header.push('MIME-Version: 1.0');
      header.push('Content-Type: text/plain; charset=' + (ascii ? 'us-ascii' : 'utf-8'));
      header.push('Content-Transfer-Encoding: ' + encoding);

      var message = header.concat([''], body);
      var stuffed = 0;
      var shown = message.map(function (line) {
        if (line.charAt(0) === '.') {
          stuffed += 1;
          return { text: '.' + line, stuffed: true };
        }
        return { text: line, stuffed: false };
      });
      notes.unshift(text.noteCrlf);
      if (stuffed > 0) { notes.push(format(text.noteDot, [stuffed])); }
      var envelope = [];
      if (from !== null && to !== null) {
        // A UTF-8 address in the header is 8-bit content whatever the body's encoding:
        // SMTPUTF8 goes with BODY=8BITMIME (RFC 6531 section 1), never with an implied 7BIT.
        envelope = ['MAIL FROM:<' + from + '>' + (smtputf8 ? ' SMTPUTF8' : '') + (smtputf8 || encoding === '8bit' ? ' BODY=8BITMIME' : ''),
          'RCPT TO:<' + to + '>', 'DATA'];
      }
      return { envelope: envelope, message: shown, notes: notes, problems: problems };
    }

    function render() {
      var built = build();
      replaceChildren(field('message-envelope'), built.envelope.map(function (line) {
        return terminalLine(true, line);
      }));
      var lines = built.message.map(function (line) {
        var node = element('div', 'line message-line');
        if (line.stuffed) {
          node.classList.add('stuffed');
          node.appendChild(element('mark', 'dot-stuffed', '.'));
          node.appendChild(document.createTextNode(line.text.substring(1)));
        } else {
          node.appendChild(document.createTextNode(line.text));
        }
        var end = element('span', 'crlf', text.crlf);
        end.setAttribute('aria-hidden', 'true');
        node.appendChild(end);
        if (line.stuffed) { node.appendChild(element('span', 'dot-marker', text.dotMarker)); }
        return node;
      });
      var last = element('div', 'line message-line message-end', '.');
      var end = element('span', 'crlf', text.crlf);
      end.setAttribute('aria-hidden', 'true');
      last.appendChild(end);
      lines.push(last);
      replaceChildren(field('message-lines'), lines);
      replaceChildren(field('message-notes'), built.notes.map(function (note) { return element('li', null, note); }));
      var problems = field('message-problems');
      replaceChildren(problems.querySelector('ul'), built.problems.map(function (problem) { return element('li', null, problem); }));
      problems.hidden = built.problems.length === 0;
      playButton.disabled = built.problems.length > 0;
      session = built.problems.length > 0 ? [] : built.envelope.concat(built.message.map(function (line) {
        return line.text;
      }), ['.']);
    }

    playButton.addEventListener('click', function () {
      if (session.length > 0) { play(SETUP_MAIL.concat(session)); }
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('input', render);
    form.addEventListener('change', render);
    form.hidden = false;
    results.hidden = false;
    render();
  }

  document.addEventListener('DOMContentLoaded', function () {
    setupAuth();
    setupMessage();
  });
}());
