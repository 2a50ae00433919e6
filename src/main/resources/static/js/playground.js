// The playground's terminal and guided sessions. Without this file the page still works:
// the form plays a whole transcript on the server and a guided session shows every step.
(function () {
  'use strict';

  // The AUTH helper and the message builder have pages of their own now; old links into
  // the playground's sections go there.
  var TOOLS = { '#auth-helper': '/playground/auth', '#message-builder': '/playground/message' };
  function toTool() {
    var tool = TOOLS[window.location.hash];
    if (tool) { window.location.replace(tool + '?lang=' + document.documentElement.lang); }
    return !!tool;
  }
  // Also when only the fragment changes, as a link within the page does.
  window.addEventListener('hashchange', toTool);
  if (toTool()) { return; }

  // The session lives in sessionStorage, so that it survives a reload, Back and the
  // language switch (the other language replays it and shows it in its own words).
  var SESSION_KEY = 'smtp-reference.playground.session';
  var HANDOFF_KEY = 'smtp-reference.playground.handoff';
  var STEP_KEY = 'smtp-reference.playground.step.';

  function stored(key) {
    try {
      var value = window.sessionStorage.getItem(key);
      return value ? JSON.parse(value) : null;
    } catch (e) {
      return null;
    }
  }

  function store(key, value) {
    try {
      if (value === null) {
        window.sessionStorage.removeItem(key);
      } else {
        window.sessionStorage.setItem(key, JSON.stringify(value));
      }
    } catch (e) { /* private mode: the session is not kept */ }
  }

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
    var extensions = (log.dataset.extensions || '').split(' ');
    var stateNote = document.getElementById('playground-state');
    var offlineNote = document.getElementById('playground-offline');
    var end = document.getElementById('playground-end');
    var scenarioSection = document.getElementById('scenario');
    var pageScenario = scenarioSection ? scenarioSection.dataset.scenario : null;
    var scenario = pageScenario; // the guided session whose server plays the lines
    // The greeting and what it means stay on a reset.
    var greeting = log.firstElementChild;
    if (greeting.nextElementSibling && greeting.nextElementSibling.className === 'meaning') {
      greeting = greeting.nextElementSibling;
    }
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
    var restore = null;
    var handoff = stored(HANDOFF_KEY);
    if (textarea.dataset.played === 'true') {
      // The form was posted: the log already shows these lines.
      lines = given;
      shown = log.querySelectorAll('.line.client').length;
      history = given.slice();
      closed = !closedNote.hidden;
      scenario = null;
      store(SESSION_KEY, { lines: lines, scenario: null });
    } else {
      pending = given;
      var kept = stored(SESSION_KEY);
      if (kept && Array.isArray(kept.lines) && kept.lines.length > 0) {
        restore = kept;
      }
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

    function save() {
      store(SESSION_KEY, { lines: lines, scenario: scenario });
    }

    function setOffline(value) {
      offlineNote.hidden = !value;
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

    function addNote(className, text) {
      var note = document.createElement('div');
      note.className = className;
      note.textContent = text;
      log.insertBefore(note, end);
    }

    function addLine(client, text, command) {
      var line = document.createElement('div');
      line.className = client ? 'line client' : 'line server';
      var marker = document.createElement('span');
      marker.className = 'marker';
      marker.textContent = client ? 'C:' : 'S:';
      line.appendChild(marker);
      line.appendChild(document.createTextNode(' '));
      var match = client ? null : /^(\d{3})([ -]?)(\d\.\d{1,3}\.\d{1,3}(?= |$))?([\s\S]*)$/.exec(text);
      var verb = client && command ? /^[A-Za-z0-9]+/.exec(text) : null;
      var keyword = match && !match[3] ? /^([A-Za-z0-9][A-Za-z0-9-]*)((?: [\s\S]*)?)$/.exec(match[4]) : null;
      if (keyword && extensions.indexOf(keyword[1].toLowerCase()) < 0) { keyword = null; }
      if (verb) {
        // The verb links to its command's page, as the server named it.
        piece(line, verb[0], command);
        piece(line, text.substring(verb[0].length), null);
      } else if (!match) {
        piece(line, text, null);
      } else if (keyword) {
        // An EHLO keyword links to its extension's page.
        piece(line, match[1], replyCodes.indexOf(match[1]) >= 0 ? '/replies/' + match[1] : null);
        piece(line, match[2], null);
        piece(line, keyword[1], '/extensions/' + keyword[1].toLowerCase());
        piece(line, keyword[2], null);
      } else {
        piece(line, match[1], replyCodes.indexOf(match[1]) >= 0 ? '/replies/' + match[1] : null);
        piece(line, match[2], null);
        if (match[3]) {
          piece(line, match[3], statusCodes.indexOf(match[3]) >= 0 ? '/status-codes/' + match[3] : null);
        }
        piece(line, match[4], null);
      }
      log.insertBefore(line, end);
    }

    // A client line, its replies with what each means under its last line, and a hint.
    function addExchange(exchange) {
      addLine(true, exchange.client, exchange.command);
      var meanings = exchange.meanings || [];
      exchange.replies.forEach(function (reply, index) {
        addLine(false, reply);
        meanings.forEach(function (meaning) {
          if (meaning.after === index) { addNote('meaning', meaning.text); }
        });
      });
      if (exchange.hint) { addNote('hint', exchange.hint); }
    }

    function showState(text) {
      stateNote.textContent = text || '';
      stateNote.hidden = !text;
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
      play(lines.concat([line]), line);
    }

    // Plays the whole session so far; the exchanges not shown yet are added. A line
    // typed (not a restored session) comes back to the input when the server is out of
    // reach, so that it is not lost.
    function play(sent, typed) {
      if (navigator.onLine === false) {
        offline(typed);
        return;
      }
      busy = true;
      var mine = generation;
      fetch('/api/v1/playground?lang=' + document.documentElement.lang, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify({ lines: sent, scenario: scenario })
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
        setOffline(false);
        answer.body.exchanges.slice(shown).forEach(addExchange);
        shown = answer.body.exchanges.length;
        showState(answer.body.state);
        save();
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
        // The server cannot be reached: say so once, rather than fail each line.
        offline(typed);
      });
    }

    function offline(typed) {
      queue = [];
      setOffline(true);
      say('');
      if (typed !== undefined && typed !== null) {
        if (history[history.length - 1] === typed) { history.pop(); }
        input.value = typed;
      }
    }

    window.addEventListener('online', function () { setOffline(false); });

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
      while (greeting.nextSibling && greeting.nextSibling !== end) { log.removeChild(greeting.nextSibling); }
      generation += 1;
      busy = false;
      lines = [];
      shown = 0;
      pending = [];
      queue = [];
      recalled = -1;
      input.value = '';
      scenario = pageScenario;
      setClosed(false);
      showState(null);
      say('');
      save();
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

    // A guided session's step: its lines go on from the steps before it when the terminal
    // shows just those, or else the session starts afresh with every step up to it.
    document.addEventListener('playground:step', function (event) {
      var detail = event.detail || {};
      var before = detail.before || [];
      var step = detail.step || [];
      var continues = !closed && !busy && scenario === detail.scenario && queue.length === 0
        && lines.length === before.length && lines.every(function (line, i) { return line === before[i]; });
      if (!continues) {
        clear();
        scenario = detail.scenario;
        queue = before.concat(step);
      } else {
        queue = step.slice();
      }
      if (queue.length > 0) { sendQueued(); }
    });

    copyButton.addEventListener('click', function () {
      var text = Array.prototype.map.call(log.querySelectorAll('.line'), function (line) {
        return line.textContent;
      }).join('\n');
      navigator.clipboard.writeText(text).then(function () { say(copyButton.dataset.copied); });
    });

    if (handoff && Array.isArray(handoff.lines) && handoff.lines.length > 0) {
      // A tool page handed over a session: it is played afresh, line after line.
      store(HANDOFF_KEY, null);
      clear();
      queue = handoff.lines.slice();
      sendQueued();
    } else if (restore) {
      scenario = typeof restore.scenario === 'string' ? restore.scenario : null;
      history = restore.lines.slice();
      play(restore.lines.slice(), null);
    }
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
    var playButton = document.getElementById('scenario-play');
    var id = document.getElementById('scenario').dataset.scenario;
    var current = 0;

    // The step in the address wins; else the one kept from before a reload or the
    // language switch.
    function fromHash() {
      var match = /^#step-(\d+)$/.exec(window.location.hash);
      var kept = stored(STEP_KEY + id);
      var number = match ? parseInt(match[1], 10) : (typeof kept === 'number' ? kept : 1);
      return Math.min(Math.max(number, 1), steps.length) - 1;
    }

    function stepLines(step) {
      var text = step.dataset.lines || '';
      return text === '' ? [] : text.split('\n');
    }

    function show(index, remember) {
      current = index;
      steps.forEach(function (step, i) { step.hidden = i !== index; });
      previous.disabled = index === 0;
      next.disabled = index === steps.length - 1;
      status.textContent = status.dataset.template
        .replace('{0}', String(index + 1)).replace('{1}', String(steps.length));
      store(STEP_KEY + id, index + 1);
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
    // Plays the step shown in the terminal and moves on to the next one.
    playButton.hidden = !document.getElementById('playground-log') || !window.fetch;
    playButton.addEventListener('click', function () {
      var before = [];
      steps.slice(0, current).forEach(function (step) { before = before.concat(stepLines(step)); });
      document.dispatchEvent(new CustomEvent('playground:step',
        { detail: { scenario: id, before: before, step: stepLines(steps[current]) } }));
      if (current < steps.length - 1) { show(current + 1, true); }
    });
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
