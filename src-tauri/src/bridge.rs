//! A test-only bridge (cargo feature `chromium-bridge`, never in the shipped app):
//! the app's commands on Tauri's mock runtime, served over HTTP with the pages of
//! `ui/`, so that a browser other than the system's WebKit, Chromium (the engine
//! of Windows' WebView2), runs the real UI against the real engine.
//!
//! `KEHOACH_BRIDGE=127.0.0.1:PORT kehoach-app` serves:
//! - `GET /…`: the files of `ui/`, `index.html` with `__bridge.js` before the app;
//! - `POST /invoke/<command>`: the command through the app's own invoke handler,
//!   200 with its value or 500 with its error (`{code, message}`);
//! - `GET /events?after=N`: the events emitted since number N (waits up to 20 s).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tauri::test::{mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::Listener;

/// The events the pages listen to (ui/api.js).
const EVENTS: &[&str] = &["store-changed", "document-reading", "document-progress"];

/// What the page's `window.__TAURI__` is in the bridge: invoke through fetch, events
/// by long polling.
const SHIM: &str = r#"// The bridge's stand-in for Tauri's API (tests only).
(() => {
  const listeners = {};
  let after = 0;
  async function poll() {
    for (;;) {
      try {
        const r = await fetch(`/events?after=${after}`);
        const events = await r.json();
        for (const [n, name, payload] of events) {
          after = Math.max(after, n);
          for (const h of listeners[name] || []) h({ event: name, payload });
        }
      } catch (e) {
        await new Promise((ok) => setTimeout(ok, 500));
      }
    }
  }
  window.__TAURI__ = {
    core: {
      async invoke(cmd, args = {}) {
        const r = await fetch(`/invoke/${cmd}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(args) });
        const value = await r.json();
        if (!r.ok) throw value;
        return value;
      },
    },
    event: {
      async listen(name, handler) {
        (listeners[name] = listeners[name] || []).push(handler);
        return () => { listeners[name] = listeners[name].filter((h) => h !== handler); };
      },
    },
    window: {
      getCurrentWindow() {
        return { onCloseRequested: async () => () => {} };
      },
    },
  };
  poll();
})();
"#;

/// The events emitted so far, numbered from 1.
#[derive(Default)]
struct Events {
    list: Mutex<Vec<(u64, String, serde_json::Value)>>,
    added: Condvar,
}

/// Serves the app built from `builder` at `address` until the process is killed.
pub fn serve(builder: tauri::Builder<MockRuntime>, address: &str) -> Result<(), String> {
    let app = builder
        .build(mock_context(noop_assets()))
        .map_err(|e| e.to_string())?;
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .map_err(|e| e.to_string())?;
    let events = Arc::new(Events::default());
    for &name in EVENTS {
        let events = events.clone();
        app.listen_any(name, move |e| {
            let payload = serde_json::from_str(e.payload()).unwrap_or(serde_json::Value::Null);
            let mut list = events.list.lock().unwrap_or_else(|p| p.into_inner());
            let n = list.len() as u64 + 1;
            list.push((n, name.to_owned(), payload));
            events.added.notify_all();
        });
    }
    let ui = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui");
    let listener = TcpListener::bind(address).map_err(|e| format!("{address}: {e}"))?;
    eprintln!("kehoach: bridge on http://{address}/");
    // The app runs its event loop here, as the real one does (its setup opens the
    // session; dialogs run on this thread); requests are served once it is ready.
    let mut ready = Some((webview, events, ui, listener));
    app.run(move |_, event| {
        if !matches!(event, tauri::RunEvent::Ready) {
            return;
        }
        let Some((webview, events, ui, listener)) = ready.take() else {
            return;
        };
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (webview, events, ui) = (webview.clone(), events.clone(), ui.clone());
                std::thread::spawn(move || {
                    let _ = handle(stream, &webview, &events, &ui);
                });
            }
        });
    });
    Ok(())
}

fn handle(
    mut stream: TcpStream,
    webview: &tauri::WebviewWindow<MockRuntime>,
    events: &Events,
    ui: &Path,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        if line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (status, kind, bytes) = match (method, path) {
        ("POST", p) if p.starts_with("/invoke/") => {
            let args: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            let (ok, value) = invoke(webview, &p["/invoke/".len()..], args);
            let status = if ok {
                "200 OK"
            } else {
                "500 Internal Server Error"
            };
            (status, "application/json", value.to_string().into_bytes())
        }
        ("GET", "/events") => {
            let after: u64 = query
                .strip_prefix("after=")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let json = wait_events(events, after);
            ("200 OK", "application/json", json.into_bytes())
        }
        ("GET", "/__bridge.js") => ("200 OK", "text/javascript", SHIM.as_bytes().to_vec()),
        ("GET", p) => file(ui, p),
        _ => ("405 Method Not Allowed", "text/plain", Vec::new()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        bytes.len()
    )?;
    stream.write_all(&bytes)
}

/// Runs a command through the app's invoke handler, as the page's IPC would.
fn invoke(
    webview: &tauri::WebviewWindow<MockRuntime>,
    command: &str,
    args: serde_json::Value,
) -> (bool, serde_json::Value) {
    let request = tauri::webview::InvokeRequest {
        cmd: command.to_owned(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        // The app's own origin, as the real webview's IPC sends it (a remote one
        // would be refused by the capabilities).
        url: if cfg!(windows) {
            "http://tauri.localhost"
        } else {
            "tauri://localhost"
        }
        .parse()
        .expect("a URL"),
        body: tauri::ipc::InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_owned(),
    };
    match tauri::test::get_ipc_response(webview, request) {
        Ok(body) => (
            true,
            body.deserialize::<serde_json::Value>()
                .unwrap_or(serde_json::Value::Null),
        ),
        Err(e) => (false, e),
    }
}

fn wait_events(events: &Events, after: u64) -> String {
    let list = events.list.lock().unwrap_or_else(|p| p.into_inner());
    let (list, _) = events
        .added
        .wait_timeout_while(list, Duration::from_secs(20), |l| {
            l.last().is_none_or(|(n, _, _)| *n <= after)
        })
        .unwrap_or_else(|p| p.into_inner());
    let newer: Vec<_> = list.iter().filter(|(n, _, _)| *n > after).collect();
    serde_json::to_string(&newer).unwrap_or_else(|_| "[]".into())
}

/// A file of `ui/`; `index.html` gets the shim before the app's module.
fn file(ui: &Path, path: &str) -> (&'static str, &'static str, Vec<u8>) {
    let name = path.trim_start_matches('/');
    let name = if name.is_empty() { "index.html" } else { name };
    if name.contains("..") {
        return ("404 Not Found", "text/plain", Vec::new());
    }
    let Ok(bytes) = std::fs::read(ui.join(name)) else {
        return ("404 Not Found", "text/plain", Vec::new());
    };
    let kind = match name.rsplit('.').next() {
        Some("html") => "text/html",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    if name == "index.html" {
        let html = String::from_utf8_lossy(&bytes).replacen(
            "<script type=\"module\"",
            "<script src=\"__bridge.js\"></script>\n  <script type=\"module\"",
            1,
        );
        return ("200 OK", kind, html.into_bytes());
    }
    ("200 OK", kind, bytes)
}
