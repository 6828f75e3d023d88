// Resumable evidence upload from the browser (tus 1.0, as any tus client): the file goes in slices;
// after a network cut, or a reload of the page with the same file chosen again, it continues from
// the last byte the node kept. Progress is shown and announced. The page works without this file,
// except for uploading, which needs it.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var status = document.getElementById("upload-status");
  var progress = document.getElementById("upload-progress");
  var SLICE = 8 * 1024 * 1024;

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = { "Tus-Resumable": "1.0.0" };
    if (token && header && token.content) { headers[header.content] = token.content; }
    return headers;
  }

  function b64(text) {
    return btoa(unescape(encodeURIComponent(text)));
  }

  function metadata(file) {
    var acquired = document.getElementById("upload-acquired").value;
    var pairs = {
      filename: file.name, filetype: file.type || "application/octet-stream", request: form.dataset.request,
      tool: document.getElementById("upload-tool").value, toolVersion: document.getElementById("upload-tool-version").value,
      examiner: document.getElementById("upload-examiner").value, source: document.getElementById("upload-source").value,
      method: document.getElementById("upload-method").value, acquiredAt: new Date(acquired + "Z").toISOString()
    };
    return Object.keys(pairs).map(function (k) { return k + " " + b64(pairs[k]); }).join(",");
  }

  function key(file) {
    return "comity.upload:" + form.dataset.request + ":" + file.name + ":" + file.size + ":" + file.lastModified;
  }

  function show(sent, total) {
    progress.hidden = false;
    progress.max = total || 1;
    progress.value = sent;
    progress.textContent = Math.round(100 * sent / (total || 1)) + "%";
  }

  async function offsetOf(url) {
    var r = await fetch(url, { method: "HEAD", headers: csrf(), credentials: "same-origin" });
    if (!r.ok) { return null; }
    return parseInt(r.headers.get("Upload-Offset"), 10);
  }

  async function create(file) {
    var headers = csrf();
    headers["Upload-Length"] = String(file.size);
    headers["Upload-Metadata"] = metadata(file);
    var r = await fetch(form.dataset.uploads, { method: "POST", headers: headers, credentials: "same-origin" });
    if (r.status !== 201) { throw new Error(await r.text()); }
    return r.headers.get("Location");
  }

  async function send(file) {
    var url = localStorage.getItem(key(file));
    var offset = url ? await offsetOf(url) : null;
    if (offset === null) {
      url = await create(file);
      localStorage.setItem(key(file), url);
      offset = 0;
    } else if (offset > 0) {
      status.textContent = status.dataset.resumed;
    }
    var item = null;
    var failures = 0;
    while (offset < file.size || (file.size === 0 && item === null)) {
      var slice = file.slice(offset, Math.min(offset + SLICE, file.size));
      var headers = csrf();
      headers["Upload-Offset"] = String(offset);
      headers["Content-Type"] = "application/offset+octet-stream";
      try {
        var r = await fetch(url, { method: "PATCH", headers: headers, body: slice, credentials: "same-origin" });
        if (r.status !== 204) { throw new Error(await r.text()); }
        offset = parseInt(r.headers.get("Upload-Offset"), 10);
        item = r.headers.get("Comity-Evidence-Item") || item;
        failures = 0;
      } catch (e) {
        // A cut connection: ask the node what it kept, wait a little longer each time, go on from there.
        if (++failures > 8) { throw e; }
        await new Promise(function (done) { setTimeout(done, 500 * failures * failures); });
        var kept = await offsetOf(url);
        if (kept !== null) { offset = kept; }
      }
      show(offset, file.size);
    }
    localStorage.removeItem(key(file));
    return item;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var file = document.getElementById("upload-file").files[0];
    if (!file) { return; }
    form.querySelector("button[type=submit]").disabled = true;
    send(file).then(function () {
      status.textContent = status.dataset.done;
      window.location.reload();
    }, function (e) {
      status.textContent = status.dataset.failed + " " + (e && e.message ? e.message : "");
      form.querySelector("button[type=submit]").disabled = false;
    });
  });
})();
