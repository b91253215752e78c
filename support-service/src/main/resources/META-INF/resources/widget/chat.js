(function () {
  var $ = function (id) { return document.getElementById(id); };
  var texts = document.getElementById('texts').dataset;
  function say(text, values) {
    return Object.keys(values || {}).reduce(function (result, name) {
      return result.split('%' + name + '%').join(values[name]);
    }, text);
  }
  var query = new URLSearchParams();
  // The chat (and its ticket) take the language the page was served in.
  query.set('locale', document.documentElement.lang || 'en');
  var resume = sessionStorage.getItem('candor-chat-resume');
  if (resume) { query.set('resume', resume); }
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
          $('status').textContent = say(texts.queued, { position: frame.position,
            minutes: Math.max(1, Math.round(frame.estimatedWaitSeconds / 60)) });
        }
        (frame.transcript || []).forEach(function (m) { add(m.from, m.text); });
        if (frame.verified) { verified(); }
        break;
      case 'agent-joined':
        $('status').textContent = say(texts.chatting, { agent: frame.agent });
        add('system', say(texts.joined, { agent: frame.agent }));
        break;
      case 'message':
        add(frame.from, frame.text);
        break;
      case 'verification':
        if (frame.status === 'verified') { verified(); add('system', texts.verifiedNotice); }
        else if (frame.status === 'code-requested') {
          add('system', frame.channel === 'email' ? texts.codeRequestedEmail : texts.codeRequestedSms);
        }
        else if (frame.status === 'locked') { add('system', texts.locked); }
        else { add('system', say(texts.failed, { left: frame.attemptsLeft })); }
        break;
      case 'transferred':
        $('status').textContent = texts.transferred;
        add('system', texts.transferred);
        break;
      case 'ended':
        $('status').textContent = texts.ended;
        sessionStorage.removeItem('candor-chat-resume');
        break;
      case 'error':
        var problem = frame.problem || {};
        var first = (problem.errors || [])[0];
        $('error').textContent = first ? first.field + ' ' + first.message : (problem.detail || 'Error');
        break;
    }
  };
  socket.onclose = function () { $('status').textContent = texts.disconnected; };

  $('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('text').value;
    if (!text.trim()) { return; }
    send({ type: 'message', text: text });
    $('text').value = '';
  });
  $('request-code').addEventListener('click', function () { send({ type: 'request-code', contact: $('contact').value }); });
  $('verify-code').addEventListener('click', function () { send({ type: 'verify-code', code: $('code').value }); });
})();
