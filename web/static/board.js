/* Partnerschapkaart live board: shared code for scherm.html and bediening.html.
   Plain ES2020, no dependencies. All data goes into the page with textContent only. */
'use strict';
(() => {
  const PK = {};
  window.PK = PK;

  // Only these words exist before the first state brings the texts (contract: Dutch fallback).
  const FALLBACK = {
    'web.verbinding_weg': 'Verbinding weg – opnieuw verbinden…',
    'web.geen_toegang': 'Deze link werkt niet. Vraag de facilitator om een nieuwe link.',
  };
  let texts = {};

  /** Text for a key with {placeholders} filled in. A missing key shows the key itself. */
  PK.t = (key, vars) => {
    let s = texts[key];
    if (typeof s !== 'string') s = FALLBACK[key] !== undefined ? FALLBACK[key] : key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, name) => (vars[name] === undefined || vars[name] === null ? m : String(vars[name])));
    return s;
  };
  PK.hasText = (key) => typeof texts[key] === 'string';

  /** el('div', {class: 'x', testid: 'item', text: 'hi', 'aria-label': '…'}, child, …) */
  PK.el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = String(v);
        else if (k === 'testid') e.dataset.testid = v;
        else if (k === 'hidden') e.hidden = true;
        else if (k === 'disabled') e.disabled = true;
        else e.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  };
  const el = PK.el;
  PK.$ = (sel, root) => (root || document).querySelector(sel);
  PK.clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); return node; };
  PK.sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  /** Store the texts and language of a new state; set title, lang and test hooks. */
  PK.applyCommon = (s) => {
    if (s.texts && typeof s.texts === 'object') texts = s.texts;
    if (s.lang) document.documentElement.lang = s.lang;
    if (PK.hasText('web.titel')) document.title = s.goal ? `${PK.t('web.titel')} – ${s.goal}` : PK.t('web.titel');
    document.body.dataset.version = s.version === null || s.version === undefined ? '' : String(s.version);
    document.body.dataset.mode = s.mode || '';
  };
  PK.markReady = () => { document.body.dataset.ready = '1'; };

  /* ---------- token from the URL fragment ---------- */

  /** Read the fragment as a token, keep it in memory + sessionStorage, and remove it from the URL. */
  PK.takeHashToken = (storageKey) => {
    let raw = location.hash.replace(/^#/, '');
    if (raw) {
      try { raw = decodeURIComponent(raw); } catch (e) { /* keep as is */ }
      PK.forgetHash();
      try { sessionStorage.setItem(storageKey, raw); } catch (e) { /* private mode */ }
      return raw;
    }
    try { return sessionStorage.getItem(storageKey) || ''; } catch (e) { return ''; }
  };
  // A new link pasted into the same tab only changes the fragment: start again with it.
  window.addEventListener('hashchange', () => { if (location.hash.length > 1) location.reload(); });
  PK.forgetHash = () => {
    try { history.replaceState(history.state, '', location.pathname + location.search); } catch (e) { /* ignore */ }
  };
  PK.dropStoredToken = (storageKey) => { try { sessionStorage.removeItem(storageKey); } catch (e) { /* ignore */ } };

  PK.readMessage = async (res) => {
    try { const j = await res.json(); if (j && typeof j.message === 'string' && j.message) return j.message; } catch (e) { /* no json */ }
    return PK.t('web.geen_toegang');
  };

  /* ---------- the event stream (fetch + ReadableStream, because EventSource cannot send headers) ---------- */

  /**
   * openStream(token, {state(s), closed(msg), denied(msg), conn(status)}) -> {stop()}
   * conn status: 'connecting' | 'connected' | 'lost' | 'closed' | 'denied'
   */
  PK.openStream = (token, h) => {
    let stopped = false;
    let ctrl = null;
    let delay = 500;
    let watchdog = 0;
    let wake = null;
    const kick = () => {
      clearTimeout(watchdog);
      // The server pings every 15 s: 40 s of silence means a dead connection.
      watchdog = setTimeout(() => { if (ctrl) ctrl.abort(); }, 40000);
    };
    const nap = (ms) => new Promise((resolve) => {
      const id = setTimeout(() => { wake = null; resolve(); }, ms);
      wake = () => { clearTimeout(id); wake = null; resolve(); };
    });
    const onOnline = () => { if (wake) wake(); };
    window.addEventListener('online', onOnline);

    const dispatch = (event, data) => {
      if (event === 'state') {
        let s;
        try { s = JSON.parse(data); } catch (e) { return; }
        delay = 500;
        h.state(s);
        h.conn('connected');
      } else if (event === 'closed') {
        let msg = '';
        try { msg = JSON.parse(data).message || ''; } catch (e) { msg = data; }
        stop();
        h.conn('closed');
        h.closed(msg);
      }
    };

    const readBody = async (res) => {
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      let buf = '';
      let event = '';
      let data = [];
      for (;;) {
        const { value, done } = await reader.read();
        if (done || stopped) break;
        kick();
        buf += dec.decode(value, { stream: true });
        for (;;) {
          const i = buf.search(/[\r\n]/);
          if (i < 0) break;
          if (buf[i] === '\r' && i === buf.length - 1) break; // maybe \r\n split over chunks
          const line = buf.slice(0, i);
          buf = buf.slice(i + (buf[i] === '\r' && buf[i + 1] === '\n' ? 2 : 1));
          if (line === '') {
            if (data.length) dispatch(event || 'message', data.join('\n'));
            if (stopped) return;
            event = ''; data = [];
          } else if (line[0] === ':') {
            // comment (": ping")
          } else {
            const c = line.indexOf(':');
            const field = c < 0 ? line : line.slice(0, c);
            let val = c < 0 ? '' : line.slice(c + 1);
            if (val[0] === ' ') val = val.slice(1);
            if (field === 'event') event = val;
            else if (field === 'data') data.push(val);
          }
        }
      }
    };

    const run = async () => {
      while (!stopped) {
        ctrl = new AbortController();
        h.conn(delay === 500 ? 'connecting' : 'lost');
        try {
          const res = await fetch('/api/stream', {
            headers: { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' },
            cache: 'no-store', credentials: 'omit', signal: ctrl.signal,
          });
          if (res.status === 401 || res.status === 403) {
            const msg = await PK.readMessage(res);
            stop();
            h.conn('denied');
            h.denied(msg);
            return;
          }
          if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
          kick();
          await readBody(res);
        } catch (e) {
          // network error, abort by the watchdog, or a broken body: reconnect below
        }
        clearTimeout(watchdog);
        if (stopped) return;
        h.conn('lost');
        await nap(delay);
        delay = Math.min(delay * 2, 5000);
      }
    };
    const stop = () => {
      stopped = true;
      clearTimeout(watchdog);
      window.removeEventListener('online', onOnline);
      if (ctrl) ctrl.abort();
      if (wake) wake();
    };
    run();
    return { stop };
  };

  /** Update the small connection indicator. */
  PK.showConn = (node, status) => {
    if (node.dataset.state === status && node.dataset.lang === document.documentElement.lang) return;
    node.dataset.state = status;
    node.dataset.lang = document.documentElement.lang;
    let label = '';
    if (status === 'connected') label = PK.hasText('web.verbonden') ? PK.t('web.verbonden') : '';
    else if (status === 'lost') label = PK.t('web.verbinding_weg');
    // connected: only a green dot; the word stays for screen readers
    PK.clear(node).append(PK.el('span', { class: status === 'connected' ? 'vh' : 'conn-label', text: label }));
    node.title = label;
  };

  /* ---------- rendering pieces shared by both views ---------- */

  PK.colClass = (n) => 'col-' + (n >= 1 && n <= 5 ? n : 0);

  /** The inside of one item: text, group chips, notes, variants, votes. */
  PK.itemBody = (item, opt) => {
    const o = opt || {};
    const frag = document.createDocumentFragment();
    const groups = Array.isArray(item.groups) ? item.groups : [];
    const variants = Array.isArray(item.variants) ? item.variants : [];
    const top = el('div', { class: 'it-top' });
    const line = el('div', { class: 'it-line' }, el('span', { class: 'it-text', testid: 'item-text', text: item.text || '' }));
    if (item.one_group) line.append(el('span', { class: 'seed', 'aria-hidden': 'true', text: '🌱' }));
    top.append(line);
    frag.append(top);
    if (o.full !== false) {
      const badge = PK.votesBadge(item, o.voting);
      if (groups.length || badge) {
        const meta = el('div', { class: 'it-meta' }, badge);
        if (groups.length) {
          const chips = el('ul', { class: 'chips', testid: 'groups' });
          for (const g of groups) chips.append(el('li', { class: 'chip', text: g }));
          meta.append(chips);
        }
        frag.append(meta);
      }
      if (item.one_group) {
        const who = groups[0] || (variants[0] && variants[0].group) || '';
        frag.append(el('p', { class: 'note note-seed', testid: 'one-group' },
          el('span', { class: 'note-icon', 'aria-hidden': 'true', text: '🌱' }),
          el('span', { text: PK.t('web.een_groep', { groep: who }) })));
      }
      if (item.suggested) {
        frag.append(el('p', { class: 'note note-suggested', testid: 'suggested' },
          el('span', { class: 'note-icon', 'aria-hidden': 'true', text: '🔗' }),
          el('span', { text: PK.t('web.voorstel') })));
      }
      if (item.looks_like && o.hint !== false) {
        frag.append(el('p', { class: 'note note-hint', testid: 'looks-like' },
          el('span', { class: 'note-icon', 'aria-hidden': 'true', text: '≈' }),
          el('span', { text: PK.t('web.lijkt_op', { ander: item.looks_like }) + '?' })));
      }
      if (item.specific) {
        frag.append(el('p', { class: 'note note-specific', testid: 'specific' },
          el('span', { class: 'note-icon q-icon', 'aria-hidden': 'true', text: '?' }),
          el('span', { text: item.specific })));
      }
      if (variants.length >= 2) {
        const box = el('div', { class: 'variants' });
        box.append(el('p', { class: 'variants-head', text: PK.t('web.variant_kop') }));
        const ul = el('ul', { class: 'variant-list' });
        variants.forEach((v, k) => {
          // On the control view one tap makes this wording the item's text (/kies n k).
          const pick = o.pick && v.text !== item.text
            ? el('button', { type: 'button', class: 'btn btn-s v-pick', testid: 'pick-' + item.number + '-' + (k + 1),
              'data-act': 'pick', 'data-n': item.number, 'data-v': k + 1 }, el('span', { text: PK.t('web.knop.kies') }))
            : null;
          ul.append(el('li', { class: 'variant', testid: 'variant' },
            el('span', { class: 'v-text', text: v.text || '' }),
            v.group ? el('span', { class: 'v-group', text: v.group }) : null, pick));
        });
        box.append(ul);
        frag.append(box);
      }
    }
    return frag;
  };

  /** Votes badge, or null when nothing to show. */
  PK.votesBadge = (item, voting) => {
    const n = Number(item.votes) || 0;
    if (!(n > 0 || voting)) return null;
    return el('span', { class: 'votes' + (n > 0 ? '' : ' votes-zero'), testid: 'votes', text: PK.t('web.stemmen_n', { aantal: n }) });
  };

  /** Progress of the subgroups: one card each. */
  PK.progressCards = (subgroups, columns) => {
    const names = {};
    for (const c of columns || []) names[c.number] = c.name;
    const wrap = el('ul', { class: 'progress-cards' });
    for (const g of subgroups || []) {
      const card = el('li', { class: 'pg-card ' + PK.colClass(g.column), testid: 'subgroup' });
      card.dataset.number = g.number;
      const head = el('div', { class: 'pg-head' },
        el('span', { class: 'pg-name', text: g.name || '' }),
        g.paper && PK.hasText('web.papier') ? el('span', { class: 'pg-paper', text: '📄 ' + PK.t('web.papier') }) : null);
      card.append(head);
      const where = el('div', { class: 'pg-where' });
      if (g.column) where.append(el('span', { class: 'pg-col', text: `${g.column} ${g.column_name || names[g.column] || ''}` }));
      if (g.status_label) where.append(el('span', { class: 'pg-status', text: g.status_label }));
      card.append(where);
      const counts = Array.isArray(g.counts) ? g.counts : [];
      const row = el('ol', { class: 'pg-counts', 'aria-label': PK.t('web.antwoorden') });
      for (let i = 0; i < 5; i++) {
        const n = i + 1;
        const cnt = Number(counts[i]) || 0;
        row.append(el('li', { class: 'pg-count ' + PK.colClass(n) + (cnt ? '' : ' is-zero') + (g.column === n ? ' is-here' : ''), title: names[n] || String(n) },
          el('span', { class: 'pg-count-n', text: cnt }),
          el('span', { class: 'pg-count-label', text: names[n] ? `${n} ${names[n]}` : String(n) })));
      }
      card.append(el('div', { class: 'pg-counts-wrap' }, el('span', { class: 'pg-label', text: PK.t('web.antwoorden') }), row));
      const foot = el('div', { class: 'pg-foot' });
      if (g.members !== undefined && g.members !== null) {
        foot.append(el('span', { class: 'pg-stat' }, el('span', { class: 'pg-label', text: PK.t('web.leden') }), el('b', { text: g.members })));
      }
      if (g.minutes !== undefined && g.minutes !== null) {
        foot.append(el('span', { class: 'pg-stat pg-minutes', text: PK.t('web.minuten', { minuten: g.minutes }) }));
      }
      card.append(foot);
      wrap.append(card);
    }
    return wrap;
  };

  /* ---------- Telegram Mini App: tell the client we are ready and want the full height ---------- */
  PK.telegramReady = () => {
    const post = (type, data) => {
      const payload = JSON.stringify(data || {});
      try {
        if (window.TelegramWebviewProxy && window.TelegramWebviewProxy.postEvent) {
          window.TelegramWebviewProxy.postEvent(type, payload);
        } else if (window.external && typeof window.external.notify === 'function') {
          window.external.notify(JSON.stringify({ eventType: type, eventData: data || {} }));
        } else if (window.parent && window.parent !== window) {
          window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data || {} }), '*');
        }
      } catch (e) { /* not inside Telegram */ }
    };
    post('web_app_ready');
    post('web_app_expand');
  };
})();
