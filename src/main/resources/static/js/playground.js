// The playground's terminal and guided sessions. Without this file the page still works:
// the form plays a whole transcript on the server and a guided session shows every step.
(function () {
  'use strict';

  // The terminal: each line sent replays the whole session so far through the JSON
  // endpoint (the server keeps nothing) and the new exchanges are added to the log.
  function setupTerminal() {
    var log = document.getElementById('playground-log');
    var consoleForm = document.getElementById('playground-console');
    var form = document.getElementById('playground-form');
    if (!log || !consoleForm || !form || !window.fetch) { return; }
    var input = document.getElementById('playground-input');
    var status = document.getElementById('playground-status');
    var closedNote = document.getElementById('playground-closed');
    var resetButton = document.getElementById('playground-reset');
    var copyButton = document.getElementById('playground-copy');
    var textarea = document.getElementById('playground-transcript');
    var replyCodes = (log.dataset.replies || '').split(' ');
    var statusCodes = (log.dataset.statuses || '').split(' ');
    var greeting = log.firstElementChild;
    var lines = [];      // every client line sent so far
    var shown = 0;       // exchanges shown in the log
    var pending = [];    // the lines of an example still to send
    var history = [];    // lines to recall with the arrow keys
    var recalled = -1;
    var closed = false;
    var busy = false;
    var queue = [];      // lines handed over by another tool, sent one after another
    var generation = 0;  // answers to a session that was reset since are dropped

    var given = textarea.value === '' ? [] : textarea.value.split(/\r\n|\r|\n/);
    if (textarea.dataset.played === 'true') {
      // The form was posted: the log already shows these lines.
      lines = given;
      shown = log.querySelectorAll('.line.client').length;
      history = given.slice();
      closed = !closedNote.hidden;
    } else {
      pending = given;
    }
    form.hidden = true;
    consoleForm.hidden = false;
    if (navigator.clipboard) { copyButton.hidden = false; }

    function say(text) { status.textContent = text; }

    function showPending() {
      if (pending.length > 0) {
        input.value = pending[0];
        say(status.dataset.pending);
      }
    }

    function piece(parent, text, href) {
      if (!text) { return; }
      if (href) {
        var link = document.createElement('a');
        link.href = href;
        link.textContent = text;
        parent.appendChild(link);
      } else {
        parent.appendChild(document.createTextNode(text));
      }
    }

    function addLine(client, text) {
      var line = document.createElement('div');
      line.className = client ? 'line client' : 'line server';
      var marker = document.createElement('span');
      marker.className = 'marker';
      marker.textContent = client ? 'C:' : 'S:';
      line.appendChild(marker);
      line.appendChild(document.createTextNode(' '));
      var match = client ? null : /^(\d{3})([ -]?)(\d\.\d{1,3}\.\d{1,3}(?= |$))?([\s\S]*)$/.exec(text);
      if (!match) {
        piece(line, text, null);
      } else {
        piece(line, match[1], replyCodes.indexOf(match[1]) >= 0 ? '/replies/' + match[1] : null);
        piece(line, match[2], null);
        if (match[3]) {
          piece(line, match[3], statusCodes.indexOf(match[3]) >= 0 ? '/status-codes/' + match[3] : null);
        }
        piece(line, match[4], null);
      }
      log.appendChild(line);
    }

    function setClosed(value) {
      closed = value;
      closedNote.hidden = !value;
      input.disabled = value;
      if (value) {
        say(status.dataset.closed);
        resetButton.focus();
      }
    }

    function send(line) {
      busy = true;
      var mine = generation;
      var sent = lines.concat([line]);
      fetch('/api/v1/playground?lang=' + document.documentElement.lang, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify({ lines: sent })
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (answer) {
        if (mine !== generation) { return; }
        busy = false;
        if (!answer.ok) {
          queue = [];
          say(answer.body.detail || status.dataset.failed);
          return;
        }
        lines = sent;
        answer.body.exchanges.slice(shown).forEach(function (exchange) {
          addLine(true, exchange.client);
          exchange.replies.forEach(function (reply) { addLine(false, reply); });
        });
        shown = answer.body.exchanges.length;
        log.scrollTop = log.scrollHeight;
        say('');
        if (answer.body.closed) {
          queue = [];
          setClosed(true);
        } else if (queue.length > 0) {
          sendQueued();
        } else {
          showPending();
        }
      }).catch(function () {
        if (mine !== generation) { return; }
        busy = false;
        queue = [];
        say(status.dataset.failed);
      });
    }

    function sendQueued() {
      var line = queue.shift();
      history.push(line);
      send(line);
    }

    consoleForm.addEventListener('submit', function (event) {
      event.preventDefault();
      if (busy || closed) { return; }
      var line = input.value;
      if (pending.length > 0 && pending[0] === line) { pending.shift(); }
      history.push(line);
      recalled = -1;
      input.value = '';
      send(line);
    });

    input.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') { return; }
      if (history.length === 0) { return; }
      event.preventDefault();
      if (event.key === 'ArrowUp') {
        recalled = recalled < 0 ? history.length - 1 : Math.max(0, recalled - 1);
        input.value = history[recalled];
      } else if (recalled >= 0) {
        recalled += 1;
        if (recalled >= history.length) {
          recalled = -1;
          input.value = '';
        } else {
          input.value = history[recalled];
        }
      }
    });

    function clear() {
      while (log.lastChild && log.lastChild !== greeting) { log.removeChild(log.lastChild); }
      generation += 1;
      busy = false;
      lines = [];
      shown = 0;
      pending = [];
      queue = [];
      recalled = -1;
      input.value = '';
      setClosed(false);
      say('');
    }

    resetButton.addEventListener('click', function () {
      clear();
      input.focus();
    });

    // Another tool on the page (builders.js) hands over a whole session: it is played
    // on a fresh server, line after line, as if typed.
    document.addEventListener('playground:play', function (event) {
      var given = event.detail && event.detail.lines;
      if (!given || given.length === 0) { return; }
      clear();
      queue = given.slice();
      sendQueued();
    });

    copyButton.addEventListener('click', function () {
      var text = Array.prototype.map.call(log.querySelectorAll('.line'), function (line) {
        return line.textContent;
      }).join('\n');
      navigator.clipboard.writeText(text).then(function () { say(copyButton.dataset.copied); });
    });

    if (closed) { setClosed(true); } else { showPending(); }
  }

  // A guided session: one step at a time with Previous and Next; the step is in the
  // address (#step-3) so it can be linked.
  function setupScenario() {
    var steps = Array.prototype.slice.call(document.querySelectorAll('.scenario-step'));
    var controls = document.querySelector('.scenario-controls');
    if (steps.length === 0 || !controls) { return; }
    var previous = document.getElementById('scenario-previous');
    var next = document.getElementById('scenario-next');
    var status = document.getElementById('scenario-status');
    var current = 0;

    function fromHash() {
      var match = /^#step-(\d+)$/.exec(window.location.hash);
      var number = match ? parseInt(match[1], 10) : 1;
      return Math.min(Math.max(number, 1), steps.length) - 1;
    }

    function show(index, remember) {
      current = index;
      steps.forEach(function (step, i) { step.hidden = i !== index; });
      previous.disabled = index === 0;
      next.disabled = index === steps.length - 1;
      status.textContent = status.dataset.template
        .replace('{0}', String(index + 1)).replace('{1}', String(steps.length));
      if (remember && window.history.replaceState) {
        window.history.replaceState(null, '', '#' + steps[index].id);
      }
    }

    function move(by) {
      var target = Math.min(Math.max(current + by, 0), steps.length - 1);
      show(target, true);
      // Keep focus on a usable button when the one pressed becomes disabled.
      if (by < 0 && previous.disabled) { next.focus(); }
      if (by > 0 && next.disabled) { previous.focus(); }
    }

    controls.hidden = false;
    previous.addEventListener('click', function () { move(-1); });
    next.addEventListener('click', function () { move(1); });
    window.addEventListener('hashchange', function () { show(fromHash(), false); });
    show(fromHash(), false);
  }

  document.addEventListener('DOMContentLoaded', function () {
    setupTerminal();
    setupScenario();
  });
}());
