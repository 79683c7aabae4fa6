// Caspian Gambit, a seat in the browser: joins a hosted game, shows the seat's view, sends its decisions.
// Plain script, no build step: the host serves this file, the strings (/i18n/<lang>.json) and the socket (/ws).
"use strict";
(function () {
  var lang = localStorage.getItem("cg.lang") || (navigator.language || "en").slice(0, 2);
  if (lang !== "ru") { lang = "en"; }
  var strings = {};
  var ws = null;
  var nextId = 1;
  var view = null;
  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(location.search);
  var watching = params.get("screen") === "1";  // the class screen: the public board, the QR code, the room
  var board = null;  // nodes' places and links' ends, fetched once

  function t(key, values) {
    var text = strings[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function fill(id, nodes) { var box = $(id); box.replaceChildren.apply(box, nodes); }

  function loadStrings() {
    return fetch("/i18n/" + lang + ".json").then(function (r) { return r.json(); }).then(function (s) {
      strings = s;
      document.documentElement.lang = lang;
      document.querySelectorAll("[data-t]").forEach(function (n) { n.textContent = t(n.dataset.t); });
      $("lang").textContent = lang === "ru" ? "EN" : "RU";
      document.title = t("web.title");
    });
  }

  function send(message) { message.lang = lang; ws.send(JSON.stringify(message)); }

  function connect() {
    ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    ws.onmessage = function (event) { receive(JSON.parse(event.data)); };
    ws.onclose = function () { $("error").textContent = t("web.reconnecting"); setTimeout(connect, 1500); };
  }

  function receive(m) {
    if (m.type === "hello") {
      $("error").textContent = "";
      var token = localStorage.getItem("cg.token");
      if (watching) { send({ type: "watch", room: params.get("room") || "" }); } else if (token) { send({ type: "resume", token: token }); } else { send({ type: "lobby" }); }
    } else if (m.type === "lobby") {
      showLobby(m.seats);
    } else if (m.type === "joined") {
      localStorage.setItem("cg.token", m.token);
      nextId = m.last_id + 1;
    } else if (m.type === "view") {
      view = m;
      window.cgStep = m.step;  // the step shown (tests wait for it)
      render();
    } else if (m.type === "error") {
      if (m.code === "bad_token") { localStorage.removeItem("cg.token"); send({ type: "lobby" }); }
      $("error").textContent = t("web.error." + m.code) + (m.detail && strings["web.error." + m.code] ? "" : " " + m.detail);
    }
  }

  function showLobby(seats) {
    $("join").hidden = false;
    $("game").hidden = true;
    if (params.get("room")) { $("room").value = params.get("room"); }
    fill("seats", seats.map(function (s) {
      var b = el("button", s.name + (s.free ? "" : " — " + t("web.taken")));
      b.disabled = !s.free;
      b.dataset.seat = s.id;
      b.onclick = function () { send({ type: "join", room: $("room").value, seat: s.id }); };
      return b;
    }));
  }

  function act(action) {
    $("error").textContent = "";
    send({ type: "act", id: nextId++, action: action });
  }

  function render() {
    var v = view;
    $("join").hidden = true;
    $("game").hidden = false;
    document.body.className = v.seat ? "playing" : "watching";
    drawBoard(v.map);
    if (!v.seat) { renderScreen(v); return; }
    var mine = v.to_act === v.seat;
    var me = v.seats.filter(function (s) { return s.id === v.seat; })[0];
    var acting = v.seats.filter(function (s) { return s.id === v.to_act; })[0];
    var status = $("status");
    status.className = mine || v.legal.length ? "mine" : "";
    status.textContent = v.over ? t("web.over", { winner: nameOf(v.winner) }) :
      t("web.status", { round: v.round, seat: me.name }) + " " +
      (mine ? t("web.your_turn") : acting ? t("web.waiting", { seat: acting.name }) : "");
    $("me").textContent = t("web.me", { budget: v.budget, vp: me.vp }) + " " +
      (v.interest ? t("web.interest", { interest: v.interest }) : "");
    var buttons = v.legal.map(function (o) {
      var b = el("button", o.label);
      b.dataset.kind = o.action.kind;
      b.onclick = function () { act(o.action); };
      return b;
    });
    if (v.can_undo) {
      var u = el("button", t("web.undo"));
      u.onclick = function () { send({ type: "undo", id: nextId++ }); };
      buttons.push(u);
    }
    if (!buttons.length) { buttons.push(el("p", v.over ? t("web.thanks") : t("web.nothing"))); }
    if (v.proposal) { buttons.unshift(el("p", t("web.proposal", v.proposal))); }
    fill("actions", buttons);
    $("refused-box").hidden = !v.refused.length;
    fill("refused", v.refused.map(function (r) {
      var li = el("li", r.label); li.appendChild(el("div", r.why, "why")); return li;
    }));
    fill("hand", v.hand.map(function (c) {
      var d = el("div", undefined, "card");
      d.appendChild(el("span", String(c.ops), "ops"));
      d.appendChild(el("b", c.title));
      d.appendChild(el("span", c.text));
      return d;
    }));
    renderAgreements(v);
    renderTable(v);
    fill("map", v.map.map(function (l) { return el("li", l.name + " — " + t("web.link." + l.status), l.status); }));
    fill("recap", (v.recap.length ? v.recap : v.log.slice(-8)).map(function (line) { return el("li", line); }));
  }

  function renderScreen(v) {
    $("screen").hidden = false;
    $("address").textContent = location.host;
    $("code").textContent = v.room;
    var acting = v.seats.filter(function (s) { return s.id === v.to_act; })[0];
    $("status").textContent = v.over ? t("web.over", { winner: nameOf(v.winner) }) :
      t("web.round", { round: v.round }) + " " + (acting ? t("web.waiting", { seat: acting.name }) : "");
    $("me").textContent = "";
    renderTable(v);
    renderAgreements(v);
    fill("map", v.map.map(function (l) { return el("li", l.name + " — " + t("web.link." + l.status), l.status); }));
    fill("recap", v.log.slice(-12).map(function (line) { return el("li", line); }));
  }

  function renderAgreements(v) {
    fill("agreements", v.agreements.length ? v.agreements.map(function (a) {
      return el("li", t("web.agreement", { deal: a.deal, a: a.parties[0], b: a.parties[1], until: a.until }));
    }) : [el("li", t("web.none"))]);
  }

  function renderTable(v) {
    var head = el("tr");
    ["web.col.seat", "web.col.vp", "web.col.budget", "web.col.cards", "web.col.team"].forEach(function (k) {
      head.appendChild(el("th", t(k)));
    });
    fill("table", [head].concat(v.seats.map(function (s) {
      var tr = el("tr");
      var team = s.bot ? t("web.bot") : s.local ? t("web.local") : s.joined ? t("web.joined") : t("web.free");
      if (s.picked && v.seats.some(function (x) { return !x.picked; })) { team += " ✓"; }
      [s.name, s.vp, s.budget, s.cards, team].forEach(function (x) { tr.appendChild(el("td", String(x))); });
      return tr;
    })));
  }

  function drawBoard(links) {
    if (!board) { return; }
    var svg = $("board");
    var ns = "http://www.w3.org/2000/svg";
    var lons = Object.keys(board.nodes).map(function (k) { return board.nodes[k][0]; });
    var lats = Object.keys(board.nodes).map(function (k) { return board.nodes[k][1]; });
    var x0 = Math.min.apply(null, lons), x1 = Math.max.apply(null, lons);
    var y0 = Math.min.apply(null, lats), y1 = Math.max.apply(null, lats);
    function at(id) {
      var p = board.nodes[id];
      return [10 + (p[0] - x0) / (x1 - x0) * 580, 10 + (y1 - p[1]) / (y1 - y0) * 320];
    }
    var status = {};
    links.forEach(function (l) { status[l.id] = l; });
    var shapes = board.links.map(function (l) {
      var a = at(l.a), b = at(l.b), line = document.createElementNS(ns, "line");
      line.setAttribute("x1", a[0]); line.setAttribute("y1", a[1]);
      line.setAttribute("x2", b[0]); line.setAttribute("y2", b[1]);
      line.setAttribute("class", (status[l.id] || {}).status || "");
      var title = document.createElementNS(ns, "title");
      title.textContent = (status[l.id] || {}).name || l.id;
      line.appendChild(title);
      return line;
    });
    Object.keys(board.nodes).forEach(function (id) {
      var p = at(id), dot = document.createElementNS(ns, "circle");
      dot.setAttribute("cx", p[0]); dot.setAttribute("cy", p[1]); dot.setAttribute("r", 3);
      shapes.push(dot);
    });
    svg.replaceChildren.apply(svg, shapes);
  }

  function nameOf(seat) {
    var found = view.seats.filter(function (s) { return s.id === seat; })[0];
    return found ? found.name : "—";
  }

  $("lang").onclick = function () {
    lang = lang === "ru" ? "en" : "ru";
    localStorage.setItem("cg.lang", lang);
    loadStrings().then(function () {
      if (view) { send({ type: "resume", token: localStorage.getItem("cg.token") || "" }); }
      else { send({ type: "lobby" }); }
    });
  };
  Promise.all([loadStrings(), fetch("/board.json").then(function (r) { return r.json(); })]).then(function (all) {
    board = all[1];
    connect();
  });
})();
