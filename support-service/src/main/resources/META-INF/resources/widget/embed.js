// Candor chat widget. Embed with one tag: <script src="https://support.example.org/widget/embed.js" async></script>
// Optional: data-lang="de" fixes the language (otherwise the visitor's browser language decides), data-label the button text.
(function () {
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang');
  var german = (lang || navigator.language || 'en').toLowerCase().indexOf('de') === 0;
  var button = document.createElement('button');
  button.id = 'candor-chat-button';
  button.textContent = script.getAttribute('data-label') || (german ? 'Chat mit uns' : 'Chat with us');
  button.style.cssText = 'position:fixed;right:20px;bottom:20px;z-index:2147483647;padding:12px 18px;border:0;' +
    'border-radius:24px;background:#1f4e79;color:#fff;font:15px sans-serif;cursor:pointer';
  var frame = null;
  button.addEventListener('click', function () {
    if (frame) {
      frame.style.display = frame.style.display === 'none' ? 'block' : 'none';
      return;
    }
    frame = document.createElement('iframe');
    frame.id = 'candor-chat-frame';
    frame.title = german ? 'Support-Chat' : 'Support chat';
    frame.src = origin + '/widget/index.html' + (lang ? '?lang=' + encodeURIComponent(lang) : '');
    frame.style.cssText = 'position:fixed;right:20px;bottom:72px;width:360px;height:520px;border:1px solid #ccc;' +
      'border-radius:8px;background:#fff;z-index:2147483647';
    document.body.appendChild(frame);
  });
  if (document.body) {
    document.body.appendChild(button);
  } else {
    document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(button); });
  }
})();
