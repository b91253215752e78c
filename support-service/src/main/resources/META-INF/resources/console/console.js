(function () {
  var $ = function (id) { return document.getElementById(id); };
  var socket = null;
  var current = null;

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

  $('connect').addEventListener('click', function () {
    var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(scheme + '//' + window.location.host + '/chat/agent');
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      switch (frame.type) {
        case 'hello': send({ type: 'auth', token: $('token').value }); break;
        case 'authenticated':
          $('agent-status').textContent = 'Connected as ' + frame.agent;
          $('waiting').textContent = frame.waiting;
          $('take-next').disabled = false;
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
        case 'transferred': if (frame.sessionId === current) { line('system', 'transferred to ' + frame.to); current = null; } break;
        case 'ended': if (frame.sessionId === current) { line('system', 'chat ended'); } break;
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
    socket.onclose = function () { $('agent-status').textContent = 'Disconnected'; $('take-next').disabled = true; };
  });
  $('take-next').addEventListener('click', function () { send({ type: 'take-next' }); });
  $('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    if (!current || !$('reply').value.trim()) { return; }
    send({ type: 'message', sessionId: current, text: $('reply').value });
    $('reply').value = '';
  });
  $('use-macro').addEventListener('click', function () {
    if (current && $('macros').value) { send({ type: 'message', sessionId: current, macroId: $('macros').value }); }
  });
  $('verify-sms').addEventListener('click', function () { send({ type: 'verify-sms', sessionId: current, customerId: $('customer-id').value }); });
  $('verify-email').addEventListener('click', function () { send({ type: 'verify-email', sessionId: current, customerId: $('customer-id').value }); });
  $('transfer').addEventListener('click', function () { send({ type: 'transfer', sessionId: current, toAgent: $('transfer-to').value }); });
  $('end').addEventListener('click', function () { send({ type: 'end', sessionId: current, resolve: true }); });
})();
