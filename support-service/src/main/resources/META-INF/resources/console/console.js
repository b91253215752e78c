(function () {
  var $ = function (id) { return document.getElementById(id); };
  var TOKEN_KEY = 'candor-console-token';
  var socket = null;
  var current = null;
  var opened = false;

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }
  function send(frame) { $('error').textContent = ''; socket.send(JSON.stringify(frame)); }
  function line(kind, text) {
    var item = document.createElement('li');
    item.className = kind;
    item.textContent = (kind === 'customer' ? 'Customer: ' : kind === 'agent' ? 'Agent: ' : '') + text;
    $('transcript').appendChild(item);
  }
  function open(frame) {
    current = frame.sessionId;
    $('chat').hidden = false;
    $('chat-session').textContent = frame.sessionId;
    $('chat-ticket').textContent = frame.ticketId;
    $('verified').textContent = frame.verifiedCustomerId ? 'verified ' + frame.verifiedCustomerId : 'not verified';
    $('transcript').innerHTML = '';
    (frame.transcript || []).forEach(function (m) { line(m.from, m.text); });
    send({ type: 'macros', locale: frame.locale });
  }
  function fillQueues(queues) {
    ['take-queue', 'transfer-queue'].forEach(function (id) {
      var select = $(id);
      while (select.options.length > 1) { select.remove(1); }
      queues.forEach(function (q) {
        var option = document.createElement('option');
        option.value = q.code;
        option.textContent = q.name;
        select.appendChild(option);
      });
    });
  }
  // REST calls carry the same token as an Authorization header.
  function loadQueues() {
    fetch('/api/queues', { headers: { Authorization: 'Bearer ' + token() } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(fillQueues);
  }

  function connect() {
    if (!token()) { $('error').textContent = 'Paste your staff token first'; return; }
    var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    // Browsers cannot set headers on a WebSocket: the token travels in the offered subprotocols,
    // from which the server takes the Authorization header of the handshake.
    socket = new WebSocket(scheme + '//' + window.location.host + '/chat/agent',
      ['bearer-token-carrier', 'quarkus-http-upgrade#Authorization#' + encodeURIComponent('Bearer ' + token())]);
    opened = false;
    socket.onopen = function () { opened = true; };
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      switch (frame.type) {
        case 'authenticated':
          $('agent-status').textContent = 'Connected as ' + frame.agent;
          $('waiting').textContent = frame.waiting;
          $('take-next').disabled = false;
          loadQueues();
          break;
        case 'queue': $('waiting').textContent = frame.waiting; break;
        case 'no-chat': $('error').textContent = 'No chat is waiting'; break;
        case 'chat': open(frame); break;
        case 'message': if (frame.sessionId === current) { line(frame.from, frame.text); } break;
        case 'verification':
          if (frame.sessionId !== current) { break; }
          if (frame.status === 'verified') { $('verified').textContent = 'verified ' + frame.customerId; }
          else { line('system', 'verification: ' + frame.status); }
          break;
        case 'transferred':
          if (frame.sessionId === current) {
            line('system', 'transferred to ' + (frame.to ? frame.to : 'the queue ' + frame.queue));
            current = null;
          }
          break;
        case 'ended': if (frame.sessionId === current) { line('system', 'chat ended'); current = null; } break;
        case 'macros':
          var select = $('macros');
          select.innerHTML = '<option value="">Macros…</option>';
          frame.items.forEach(function (m) {
            var option = document.createElement('option');
            option.value = m.id;
            option.textContent = m.title;
            select.appendChild(option);
          });
          break;
        case 'error':
          var problem = frame.problem || {};
          var first = (problem.errors || [])[0];
          $('error').textContent = first ? first.field + ' ' + first.message : (problem.detail || 'Error');
          break;
      }
    };
    socket.onclose = function () {
      $('take-next').disabled = true;
      if (opened) {
        $('agent-status').textContent = 'Disconnected';
      } else {
        // The handshake was refused: no valid support-agent or support-supervisor token.
        sessionStorage.removeItem(TOKEN_KEY);
        $('agent-status').textContent = 'Refused: sign in with a valid support token';
      }
    };
  }

  $('connect').addEventListener('click', function () {
    if ($('token').value) { sessionStorage.setItem(TOKEN_KEY, $('token').value.trim()); }
    $('token').value = '';
    connect();
  });
  $('sign-out').addEventListener('click', function () {
    sessionStorage.removeItem(TOKEN_KEY);
    if (socket) { socket.close(); }
    $('agent-status').textContent = 'Signed out';
  });
  $('take-next').addEventListener('click', function () { send({ type: 'take-next', queue: $('take-queue').value }); });
  $('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    if (!current || !$('reply').value.trim()) { return; }
    send({ type: 'message', sessionId: current, text: $('reply').value });
    $('reply').value = '';
  });
  $('use-macro').addEventListener('click', function () {
    if (current && $('macros').value) { send({ type: 'message', sessionId: current, macroId: $('macros').value }); }
  });
  $('request-code').addEventListener('click', function () { send({ type: 'request-code', sessionId: current, contact: $('contact').value }); });
  $('transfer').addEventListener('click', function () { send({ type: 'transfer', sessionId: current, toAgent: $('transfer-to').value }); });
  $('requeue').addEventListener('click', function () { send({ type: 'transfer', sessionId: current, toQueue: $('transfer-queue').value }); });
  $('end-chat').addEventListener('click', function () { send({ type: 'end', sessionId: current, resolve: false }); });
  $('end').addEventListener('click', function () { send({ type: 'end', sessionId: current, resolve: true }); });
  if (token()) { connect(); }
})();
