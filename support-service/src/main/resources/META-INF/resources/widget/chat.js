(function () {
  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(window.location.search);
  var query = new URLSearchParams();
  query.set('locale', (navigator.language || 'en').split('-')[0].toLowerCase());
  var resume = sessionStorage.getItem('candor-chat-resume');
  if (resume) { query.set('resume', resume); }
  if (params.get('verify')) { query.set('verify', params.get('verify')); }
  var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  var socket = new WebSocket(scheme + '//' + window.location.host + '/chat/customer?' + query.toString());

  function add(kind, text) {
    var item = document.createElement('li');
    item.className = kind;
    item.textContent = text;
    $('messages').appendChild(item);
    $('messages').scrollTop = $('messages').scrollHeight;
  }
  function send(frame) { $('error').textContent = ''; socket.send(JSON.stringify(frame)); }
  function verified() { $('verified').hidden = false; }

  socket.onmessage = function (event) {
    var frame = JSON.parse(event.data);
    switch (frame.type) {
      case 'queued':
      case 'resumed':
        if (frame.resumeToken) { sessionStorage.setItem('candor-chat-resume', frame.resumeToken); }
        if (frame.position > 0) {
          $('status').textContent = 'You are number ' + frame.position + ' in the queue, about ' +
            Math.max(1, Math.round(frame.estimatedWaitSeconds / 60)) + ' min';
        }
        (frame.transcript || []).forEach(function (m) { add(m.from, m.text); });
        if (frame.verified) { verified(); }
        break;
      case 'agent-joined':
        $('status').textContent = 'You are chatting with ' + frame.agent;
        add('system', frame.agent + ' joined the chat');
        break;
      case 'message':
        add(frame.from, frame.text);
        break;
      case 'verification':
        if (frame.status === 'verified') { verified(); add('system', 'Your identity is verified'); }
        else if (frame.status === 'code-sent') { add('system', 'We sent you a code by SMS'); }
        else if (frame.status === 'link-sent') { add('system', 'We sent you a link by email'); }
        else { add('system', 'That did not work; please try again'); }
        break;
      case 'ended':
        $('status').textContent = 'The chat has ended';
        sessionStorage.removeItem('candor-chat-resume');
        break;
      case 'error':
        var problem = frame.problem || {};
        var first = (problem.errors || [])[0];
        $('error').textContent = first ? first.field + ' ' + first.message : (problem.detail || 'Error');
        break;
    }
  };
  socket.onclose = function () { $('status').textContent = 'Disconnected'; };

  $('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('text').value;
    if (!text.trim()) { return; }
    send({ type: 'message', text: text });
    $('text').value = '';
  });
  $('verify-sms').addEventListener('click', function () { send({ type: 'verify-sms', customerId: $('customer-id').value }); });
  $('verify-email').addEventListener('click', function () { send({ type: 'verify-email', customerId: $('customer-id').value }); });
  $('verify-code').addEventListener('click', function () { send({ type: 'verify-code', code: $('code').value }); });
})();
