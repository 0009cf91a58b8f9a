/* Facilitator control view: the current column's list, with merge / split / rephrase / move /
   remove / add / undo / vote / confirm. Phone (Telegram Mini App) and laptop. */
'use strict';
(() => {
  const PK = window.PK;
  const { t, el, $, clear } = PK;
  const TOKEN_KEY = 'pk.bediening.token';

  let token = '';
  let stream = null;
  let state = null;
  let selected = [];     // item numbers, in the order they were chosen (the first gives the text)
  let editing = null;    // {number, orig, value, node, saving}
  let busy = false;
  let drag = null;
  let renderWanted = false;
  let pendingFocus = null; // list of data-testid values: focus the first that is there and enabled
  let listSig = '';
  let stopped = false;

  const ui = {
    app: $('#app'), list: $('#list'), empty: $('#empty'), status: $('#status'), conn: $('#conn'),
    addForm: $('#addform'), addInput: $('#add-input'), add: $('#add'),
    voteCount: $('#vote-count'), startVote: $('#start-vote'), count: $('#count'),
    confirm: $('#confirm'), panel: $('#confirm-panel'), yes: $('#confirm-yes'), no: $('#confirm-no'),
    merge: $('#merge'), undo: $('#undo'), selectedCount: $('#selected'),
  };

  const byTestid = (id) => document.querySelector(`[data-testid="${CSS.escape(id)}"]`);
  const focusFirst = (ids) => {
    for (const id of ids || []) {
      const e = byTestid(id);
      if (e && !e.disabled && !e.hidden && e.offsetParent !== null) { e.focus({ preventScroll: false }); return true; }
    }
    return false;
  };
  const punt = (n) => t('web.punt', { nummer: n });
  const label = (key, n) => `${t(key)}, ${punt(n)}`;
  const setBtn = (btn, icon, text) => {
    clear(btn);
    if (icon) btn.append(el('span', { class: 'ico', 'aria-hidden': 'true', text: icon }));
    btn.append(el('span', { text }));
  };

  /* ---------- status line ---------- */
  let statusTimer = 0;
  const setStatus = (msg, kind) => {
    clearTimeout(statusTimer);
    ui.status.dataset.kind = kind || '';
    // clear first, so the same message twice is read out twice
    ui.status.textContent = '';
    if (msg) statusTimer = setTimeout(() => { ui.status.textContent = msg; barState(); }, 30);
    barState();
  };
  const bar = $('#bar');
  window.addEventListener('resize', () => barState());
  const barState = () => {
    bar.classList.toggle('is-empty', !ui.status.textContent && $('#bar-row').hidden);
    document.documentElement.style.setProperty('--bar-h', bar.offsetHeight + 'px');
  };

  const fatal = (msg) => {
    stopped = true;
    if (stream) stream.stop();
    const box = $('#fatal');
    clear(box).append(el('p', { text: msg || t('web.geen_toegang') }));
    box.hidden = false;
    document.body.dataset.fatal = '1';
  };

  /* ---------- rendering ---------- */
  const currentColumn = () => (state && state.columns || []).find((c) => c.number === state.current) || null;
  const isPlenary = () => !!(state && state.mode === 'plenary' && state.current && currentColumn());
  const locked = () => !!(state && (state.voting || state.confirmed));

  let labelsKey = '';
  const labels = () => {
    const key = JSON.stringify(state.texts || {});
    if (key === labelsKey) return; // relabel only when the texts change (no churn under focus)
    labelsKey = key;
    ui.addInput.placeholder = t('web.nieuw_punt');
    $('#add-label').textContent = t('web.nieuw_punt');
    setBtn(ui.add, '+', t('web.knop.erbij'));
    $('#vote-label').textContent = t('web.stemmen_per_persoon');
    setBtn(ui.startVote, '', t('web.knop.stemmen'));
    setBtn(ui.count, '', t('web.knop.telling'));
    setBtn(ui.confirm, '✓', t('web.knop.bevestig'));
    $('#confirm-q').textContent = t('web.bevestig_vraag');
    setBtn(ui.yes, '✓', t('web.knop.bevestig'));
    setBtn(ui.no, '', t('web.knop.annuleren'));
    setBtn(ui.merge, '', t('web.knop.samenvoegen'));
    setBtn(ui.undo, '↶', t('web.knop.ongedaan'));
  };

  const header = (s) => {
    $('#phase').textContent = s.phase || '';
    $('#goal').textContent = s.goal || '';
    const min = $('#minutes');
    const has = s.minutes_left !== null && s.minutes_left !== undefined;
    min.hidden = !has;
    if (has) min.textContent = t('web.minuten_over', { minuten: s.minutes_left });
  };

  const render = () => {
    if (!state) return;
    if (drag && drag.active) { renderWanted = true; return; }
    const s = state;
    PK.applyCommon(s);
    labels();
    header(s);
    const plen = isPlenary();
    $('#plenary').hidden = !plen;
    $('#tools').hidden = !plen;
    $('#bar-row').hidden = !plen;
    $('#readonly').hidden = plen;
    if (plen) renderPlenary(s); else renderReadonly(s);
    ui.app.hidden = false;
    barState();
  };

  const renderPlenary = (s) => {
    const col = currentColumn();
    const items = Array.isArray(col.items) ? col.items : [];
    const lock = locked();
    $('#colhead').className = 'c-colhead ' + PK.colClass(col.number);
    $('#plenary').className = 'c-column ' + PK.colClass(col.number);
    $('#colnum').textContent = col.number;
    $('#colname').textContent = col.name || '';
    $('#question').textContent = col.question || '';
    const ok = $('#confirmed');
    ok.hidden = !s.confirmed;
    ok.textContent = '✓ ' + t('web.bevestigd');
    const vb = $('#voting');
    vb.hidden = !s.voting;
    if (s.voting) {
      clear(vb).append(el('span', { class: 'pulse', 'aria-hidden': 'true' }),
        el('span', { text: t('web.stemmen_bezig', { aantal: Number(s.voters) || 0 }) }));
    }
    const hint = $('#hint');
    hint.textContent = t('web.sleep_uitleg');
    hint.hidden = lock || items.length < 2;
    ui.empty.textContent = t('web.kolom_leeg');
    ui.empty.hidden = items.length > 0;

    // keep the editor only if its item is still there
    if (editing) {
      const found = items.find((i) => i.number === editing.number && i.text === editing.orig)
        || items.find((i) => i.text === editing.orig)
        || (editing.saving ? items.find((i) => i.number === editing.number) : null);
      if (found && !lock) editing.number = found.number; else editing = null;
    }
    selected = selected.filter((n) => n >= 1 && n <= items.length);
    if (lock) selected = [];

    const sig = JSON.stringify([s.current, s.version, items, lock, selected, editing && editing.number, s.lang]);
    if (sig !== listSig) {
      listSig = sig;
      const active = document.activeElement;
      const activeId = active && active.dataset ? active.dataset.testid : null;
      const editorHadFocus = editing && editing.node && active === editing.node.querySelector('textarea');
      const ta = editing && editing.node ? editing.node.querySelector('textarea') : null;
      const caret = ta ? [ta.selectionStart, ta.selectionEnd] : null;
      const frag = document.createDocumentFragment();
      for (const it of items) frag.append(itemNode(it, items.length, lock));
      clear(ui.list).append(frag);
      if (editorHadFocus && ta) {
        ta.focus({ preventScroll: true });
        try { ta.setSelectionRange(caret[0], caret[1]); } catch (e) { /* ignore */ }
      } else if (!pendingFocus && activeId && (document.activeElement === document.body || !document.activeElement)) {
        focusFirst([activeId]);
      }
    }

    ui.merge.disabled = lock || selected.length < 2;
    ui.selectedCount.textContent = selected.length ? t('web.gekozen', { aantal: selected.length }) : '';
    ui.undo.disabled = !s.can_undo;
    ui.addInput.disabled = lock;
    ui.add.disabled = lock;
    ui.startVote.hidden = !!s.voting;
    ui.voteCount.hidden = !!s.voting;
    $('#vote-label').hidden = !!s.voting;
    ui.startVote.disabled = !!s.confirmed || items.length < 2;
    ui.voteCount.disabled = !!s.confirmed;
    ui.count.hidden = !s.voting;
    ui.confirm.disabled = lock;
    if (lock && !ui.panel.hidden) closeConfirm(false);
  };

  const itemNode = (item, total, lock) => {
    const n = item.number;
    const pos = selected.indexOf(n);
    const li = el('li', {
      class: 'c-item' + (pos >= 0 ? ' is-selected' : '') + (pos === 0 && selected.length > 1 ? ' is-first' : ''),
      testid: 'item',
    });
    li.dataset.number = n;
    const row = el('div', { class: 'c-item-row' });
    row.append(el('button', {
      type: 'button', class: 'c-sel', testid: 'select-' + n, 'data-act': 'select', 'data-n': n,
      'aria-pressed': pos >= 0 ? 'true' : 'false', 'aria-label': t('web.selecteer', { nummer: n }), disabled: lock,
    }, el('span', { class: 'c-sel-num', 'aria-hidden': 'true', text: n })));
    const body = el('div', { class: 'it-body' });
    if (editing && editing.number === n) {
      body.append(editorNode(n));
    } else {
      body.append(PK.itemBody(item, { voting: state.voting, pick: !lock, hint: false }));
    }
    row.append(body);
    if (!lock && total > 1) {
      row.append(el('span', { class: 'c-handle', testid: 'drag-' + n, 'aria-hidden': 'true', title: t('web.sleep_uitleg') }, '⠿'));
    }
    li.append(row);
    if (!lock && !(editing && editing.number === n)) {
      const acts = el('div', { class: 'c-actions' },
        el('button', { type: 'button', class: 'btn btn-s', testid: 'edit-' + n, 'data-act': 'edit', 'data-n': n, 'aria-label': label('web.knop.tekst', n) },
          el('span', { class: 'ico', 'aria-hidden': 'true', text: '✎' }), el('span', { text: t('web.knop.tekst') })),
        item.suggested ? el('button', { type: 'button', class: 'btn btn-s', testid: 'accept-' + n, 'data-act': 'accept', 'data-n': n, 'aria-label': label('web.knop.akkoord', n) },
          el('span', { class: 'ico', 'aria-hidden': 'true', text: '✔' }), el('span', { text: t('web.knop.akkoord') })) : null,
        item.can_split ? el('button', { type: 'button', class: 'btn btn-s', testid: 'split-' + n, 'data-act': 'split', 'data-n': n, 'aria-label': label(item.suggested ? 'web.knop.los' : 'web.knop.splitsen', n) },
          item.suggested ? el('span', { class: 'ico', 'aria-hidden': 'true', text: '✖' }) : null,
          el('span', { text: t(item.suggested ? 'web.knop.los' : 'web.knop.splitsen') })) : null,
        el('span', { class: 'c-spacer' }),
        el('button', { type: 'button', class: 'btn btn-s btn-icon', testid: 'up-' + n, 'data-act': 'up', 'data-n': n, 'aria-label': label('web.knop.omhoog', n), title: t('web.knop.omhoog'), disabled: n <= 1 },
          el('span', { 'aria-hidden': 'true', text: '↑' })),
        el('button', { type: 'button', class: 'btn btn-s btn-icon', testid: 'down-' + n, 'data-act': 'down', 'data-n': n, 'aria-label': label('web.knop.omlaag', n), title: t('web.knop.omlaag'), disabled: n >= total },
          el('span', { 'aria-hidden': 'true', text: '↓' })),
        el('button', { type: 'button', class: 'btn btn-s btn-icon btn-danger', testid: 'remove-' + n, 'data-act': 'remove', 'data-n': n, 'aria-label': label('web.knop.weg', n), title: t('web.knop.weg') },
          el('span', { 'aria-hidden': 'true', text: '✕' })));
      li.append(acts);
      if (item.looks_like) {
        const other = item.looks_like;
        const pair = n + '-' + other;
        li.append(el('div', { class: 'c-hint', testid: 'hint-' + n },
          el('span', { class: 'c-hint-text', text: '≈ ' + t('web.lijkt_op', { ander: other }) }),
          el('button', { type: 'button', class: 'btn btn-s', testid: 'hint-join-' + pair, 'data-act': 'hint-join', 'data-n': n, 'data-other': other },
            el('span', { class: 'ico', 'aria-hidden': 'true', text: '🤝' }), el('span', { text: t('web.knop.hint_samen') })),
          el('button', { type: 'button', class: 'btn btn-s', testid: 'hint-apart-' + pair, 'data-act': 'hint-apart', 'data-n': n, 'data-other': other },
            el('span', { class: 'ico', 'aria-hidden': 'true', text: '≠' }), el('span', { text: t('web.knop.hint_apart') }))));
      }
    }
    return li;
  };

  /** The inline editor; the same node is moved into every new render so typed text survives. */
  const editorNode = (n) => {
    if (!editing.node) {
      const ta = el('textarea', { class: 'c-edit', testid: 'edit-input', rows: '2', maxlength: '500', enterkeyhint: 'done' });
      ta.value = editing.value;
      ta.addEventListener('input', () => { editing.value = ta.value; autosize(ta); });
      ta.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.isComposing) { e.preventDefault(); saveEdit(); }
        else if (e.key === 'Escape') { e.preventDefault(); cancelEdit(); }
      });
      const save = el('button', { type: 'button', class: 'btn btn-primary', testid: 'save', 'data-act': 'save' });
      const cancel = el('button', { type: 'button', class: 'btn', testid: 'cancel', 'data-act': 'cancel' });
      editing.node = el('div', { class: 'c-editor' }, ta, el('div', { class: 'c-row' }, save, cancel));
    }
    const node = editing.node;
    const ta = node.querySelector('textarea');
    ta.setAttribute('aria-label', label('web.knop.tekst', n));
    setBtn(node.querySelector('[data-testid="save"]'), '', t('web.knop.opslaan'));
    setBtn(node.querySelector('[data-testid="cancel"]'), '', t('web.knop.annuleren'));
    return node;
  };
  const autosize = (ta) => {
    ta.style.height = 'auto';
    ta.style.height = Math.min(ta.scrollHeight + 2, 320) + 'px';
  };

  const renderReadonly = (s) => {
    $('#readonly-note').textContent = t(s.mode === 'model' ? 'web.model_uitleg' : 'web.geen_plenair');
    const box = clear($('#readonly-body'));
    if (s.mode === 'model') {
      // The last look at all five columns: confirming makes the model final (column 0).
      const done = el('button', { type: 'button', class: 'btn btn-primary', testid: 'confirm-model' },
        '✓ ' + t('web.knop.model_vaststellen'));
      done.addEventListener('click', () => run('bevestig', { column: 0, version: 0 }, null, null, ['confirm-model']));
      box.append(done);
    }
    if (s.mode === 'progress' && Array.isArray(s.subgroups) && s.subgroups.length) {
      const sec = el('section', { class: 'c-progress', testid: 'progress' });
      sec.append(el('h2', { class: 'c-h2', text: t('web.groepen_bezig') }));
      sec.append(PK.progressCards(s.subgroups, s.columns));
      box.append(sec);
    }
    for (const c of s.columns || []) {
      const items = Array.isArray(c.items) ? c.items : [];
      const sec = el('section', { class: 'c-ro-col ' + PK.colClass(c.number), testid: 'column' });
      sec.dataset.number = c.number;
      const head = el('div', { class: 'c-colhead ' + PK.colClass(c.number) },
        el('h2', { class: 'c-colname' }, el('span', { class: 'col-num', text: c.number }), ' ', el('span', { text: c.name || '' })),
        c.status === 'confirmed' ? el('span', { class: 'badge-ok', text: '✓ ' + t('web.bevestigd') }) : null);
      sec.append(head);
      if (items.length) {
        const ol = el('ol', { class: 'c-ro-list' });
        for (const it of items) {
          const li = el('li', { class: 'c-ro-item', testid: 'col-item' }, el('span', { class: 'it-num', text: it.number }));
          const body = el('div', { class: 'it-body' });
          body.append(PK.itemBody(it, { full: false }));
          li.append(body);
          ol.append(li);
        }
        sec.append(ol);
      } else {
        sec.append(el('p', { class: 'empty c-empty', text: t('web.kolom_leeg') }));
      }
      box.append(sec);
    }
    closeConfirm(false);
  };

  /* ---------- new state (stream or action answer) ---------- */
  const onState = (s, fromAction) => {
    if (!s || typeof s !== 'object') return;
    // an action's answer can arrive after the stream already brought a newer list: keep the newer one
    if (fromAction && state && s.current === state.current && typeof s.version === 'number'
      && typeof state.version === 'number' && s.version < state.version) return;
    const colChanged = !state || s.current !== state.current || s.mode !== state.mode;
    if (!state || colChanged || s.version !== state.version) selected = [];
    if (colChanged) { editing = null; closeConfirm(false); }
    state = s;
    render();
    if (pendingFocus) { focusFirst(pendingFocus); pendingFocus = null; }
    PK.markReady();
  };

  /* ---------- actions ---------- */
  const requestId = () => {
    if (window.crypto && crypto.randomUUID) { try { return crypto.randomUUID(); } catch (e) { /* insecure context */ } }
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  };

  /** Send one action; returns the answer ({ok, message, state}) or null. */
  const act = async (op, extra) => {
    if (busy || !state || stopped) return null;
    busy = true;
    document.body.classList.add('is-busy');
    const slow = setTimeout(() => setStatus(t('web.bezig'), 'busy'), 400);
    const body = JSON.stringify(Object.assign({ request: requestId(), column: state.current, version: state.version, op }, extra || {}));
    let res = null;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          res = await fetch('/api/action', {
            method: 'POST', cache: 'no-store', credentials: 'omit',
            headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body,
          });
          break;
        } catch (e) {
          // the same request id makes a retry safe
          if (attempt >= 2) throw e;
          await PK.sleep(600 * (attempt + 1));
        }
      }
      if (res.status === 401 || res.status === 403) {
        setStatus(await PK.readMessage(res), 'error');
        return null;
      }
      let data = null;
      try { data = await res.json(); } catch (e) { data = null; }
      if (!data || typeof data.ok !== 'boolean') {
        setStatus((data && data.message) || t('web.verbinding_weg'), 'error');
        return null;
      }
      return data;
    } catch (e) {
      setStatus(t('web.verbinding_weg'), 'error');
      return null;
    } finally {
      clearTimeout(slow);
      busy = false;
      document.body.classList.remove('is-busy');
    }
  };

  /** Run an action; on ok call done() before the new state is drawn; show the message. */
  const run = async (op, extra, done, focusOk, focusFail) => {
    const r = await act(op, extra);
    if (!r) { if (focusFail) focusFirst(focusFail); return null; }
    if (r.ok && done) done();
    pendingFocus = r.ok ? focusOk : focusFail;
    setStatus(r.message || '', r.ok ? 'ok' : 'error');
    if (r.state) onState(r.state, true); else render();
    if (pendingFocus) { focusFirst(pendingFocus); pendingFocus = null; }
    return r;
  };

  const toggleSelect = (n) => {
    const i = selected.indexOf(n);
    if (i >= 0) selected.splice(i, 1); else selected.push(n);
    render();
    focusFirst(['select-' + n]);
  };

  const merge = (numbers) => {
    if (numbers.length < 2) return;
    const first = numbers[0];
    const newPos = first - numbers.slice(1).filter((x) => x < first).length;
    run('samen', { numbers }, () => { selected = []; }, ['select-' + newPos], ['merge', 'select-' + first]);
  };

  const startEdit = (n) => {
    const item = (currentColumn().items || []).find((i) => i.number === n);
    if (!item) return;
    editing = { number: n, orig: item.text, value: item.text, node: null, saving: false };
    render();
    const ta = editing && editing.node && editing.node.querySelector('textarea');
    if (ta) { autosize(ta); ta.focus(); ta.setSelectionRange(ta.value.length, ta.value.length); }
  };
  const cancelEdit = () => {
    if (!editing) return;
    const n = editing.number;
    editing = null;
    render();
    focusFirst(['edit-' + n, 'select-' + n]);
  };
  const saveEdit = async () => {
    if (!editing || busy) return;
    const text = editing.value.trim();
    if (text === editing.orig.trim()) { cancelEdit(); return; }
    const n = editing.number;
    editing.saving = true;
    const r = await run('tekst', { numbers: [n], text }, () => { editing = null; }, ['edit-' + n, 'select-' + n], ['edit-input']);
    if (editing) editing.saving = false;
    if (!r && editing) focusFirst(['edit-input']);
  };

  const move = (n, to) => run('zet', { numbers: [n, to] }, null,
    [(to < n ? 'up-' : 'down-') + to, 'select-' + to], [(to < n ? 'up-' : 'down-') + n]);

  const removeItem = (n) => run('weg', { numbers: [n] }, null, ['remove-' + n, 'remove-' + (n - 1), 'add-input'], ['remove-' + n]);

  const addItem = async () => {
    const text = ui.addInput.value.trim();
    if (!text) { ui.addInput.focus(); return; }
    await run('erbij', { text }, () => { ui.addInput.value = ''; }, ['add-input'], ['add-input']);
  };

  const openConfirm = () => {
    if (ui.confirm.disabled) return;
    ui.panel.hidden = false;
    ui.confirm.hidden = true;
    ui.yes.focus();
    ui.panel.scrollIntoView({ block: 'nearest' });
  };
  function closeConfirm(refocus) {
    if (ui.panel.hidden) return;
    ui.panel.hidden = true;
    ui.confirm.hidden = false;
    if (refocus) ui.confirm.focus();
  }

  /* ---------- events (no inline handlers) ---------- */
  ui.list.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-act]');
    if (!b || b.disabled || !ui.list.contains(b)) return;
    const n = Number(b.dataset.n);
    const total = (currentColumn().items || []).length;
    switch (b.dataset.act) {
      case 'select': toggleSelect(n); break;
      case 'edit': startEdit(n); break;
      case 'split': run('splits', { numbers: [n] }, () => { selected = []; }, ['select-' + n], ['split-' + n]); break;
      case 'accept': run('akkoord', { numbers: [n] }, null, ['select-' + n], ['accept-' + n]); break;
      case 'hint-join': run('samen', { numbers: [n, Number(b.dataset.other)] }, () => { selected = []; }, ['select-' + n], [b.dataset.testid]); break;
      case 'hint-apart': run('apart', { numbers: [n, Number(b.dataset.other)] }, null, ['select-' + n], [b.dataset.testid]); break;
      case 'pick': run('kies', { numbers: [n, Number(b.dataset.v)] }, null, ['select-' + n], [b.dataset.testid]); break;
      case 'up': if (n > 1) move(n, n - 1); break;
      case 'down': if (n < total) move(n, n + 1); break;
      case 'remove': removeItem(n); break;
      case 'save': saveEdit(); break;
      case 'cancel': cancelEdit(); break;
      default: break;
    }
  });
  ui.merge.addEventListener('click', () => { if (!ui.merge.disabled) merge(selected.slice()); });
  ui.undo.addEventListener('click', () => {
    if (!ui.undo.disabled) run('ongedaan', {}, () => { selected = []; editing = null; }, ['undo', 'add-input'], ['undo']);
  });
  ui.addForm.addEventListener('submit', (e) => { e.preventDefault(); addItem(); });
  ui.startVote.addEventListener('click', () => {
    let v = parseInt(ui.voteCount.value, 10);
    if (!Number.isFinite(v)) v = 3;
    v = Math.min(10, Math.max(1, v));
    ui.voteCount.value = String(v);
    run('stemmen', { votes: v }, null, ['count'], ['start-vote']);
  });
  ui.voteCount.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); ui.startVote.click(); } });
  ui.count.addEventListener('click', () => run('telling', {}, null, ['start-vote', 'confirm'], ['count']));
  ui.confirm.addEventListener('click', openConfirm);
  ui.no.addEventListener('click', () => closeConfirm(true));
  ui.panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closeConfirm(true); } });
  ui.yes.addEventListener('click', async () => {
    const r = await run('bevestig', {}, () => closeConfirm(false), ['undo', 'confirm'], ['confirm-yes']);
    if (r && r.ok) closeConfirm(false);
  });

  /* ---------- drag an item onto another item = merge (Pointer Events, works with touch) ---------- */
  const THRESHOLD = 8;
  const setDrop = (li) => {
    if (drag.target === li) return;
    if (drag.target) drag.target.classList.remove('is-drop');
    drag.target = li;
    if (li) li.classList.add('is-drop');
  };
  const targetAt = (x, y) => {
    const under = document.elementFromPoint(x, y);
    const li = under && under.closest ? under.closest('#list > li[data-testid="item"]') : null;
    return li && li !== drag.li ? li : null;
  };
  const place = () => {
    const dy = drag.y + window.scrollY - drag.pageY0;
    drag.li.style.transform = `translateY(${dy}px)`;
    setDrop(targetAt(drag.x, drag.y));
  };
  const tick = () => {
    if (!drag || !drag.active) return;
    const edge = 70;
    const top = bar.getBoundingClientRect().bottom;
    const bottom = window.innerHeight;
    if (drag.y < top + edge) window.scrollBy(0, -Math.ceil((top + edge - drag.y) / 5));
    else if (drag.y > bottom - edge) window.scrollBy(0, Math.ceil((drag.y - (bottom - edge)) / 5));
    place();
    drag.raf = requestAnimationFrame(tick);
  };
  const endDrag = () => {
    if (!drag) return;
    cancelAnimationFrame(drag.raf);
    if (drag.target) drag.target.classList.remove('is-drop');
    drag.li.classList.remove('is-dragging');
    drag.li.style.transform = '';
    document.body.classList.remove('is-dragging');
    drag = null;
    if (renderWanted) { renderWanted = false; render(); }
  };
  ui.list.addEventListener('pointerdown', (e) => {
    const handle = e.target.closest('.c-handle');
    if (!handle || drag || busy || locked() || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const li = handle.closest('li[data-testid="item"]');
    if (!li) return;
    e.preventDefault();
    try { handle.setPointerCapture(e.pointerId); } catch (err) { /* ignore */ }
    drag = {
      id: e.pointerId, handle, li, n: Number(li.dataset.number), active: false, target: null, raf: 0,
      x0: e.clientX, y0: e.clientY, x: e.clientX, y: e.clientY, pageY0: e.clientY + window.scrollY,
    };
  });
  ui.list.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    drag.x = e.clientX; drag.y = e.clientY;
    if (!drag.active) {
      if (Math.hypot(e.clientX - drag.x0, e.clientY - drag.y0) < THRESHOLD) return;
      drag.active = true;
      drag.li.classList.add('is-dragging');
      document.body.classList.add('is-dragging');
      drag.raf = requestAnimationFrame(tick);
    }
    e.preventDefault();
    place();
  });
  ui.list.addEventListener('pointerup', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    let target = null;
    if (drag.active) {
      drag.x = e.clientX; drag.y = e.clientY;
      drag.li.style.transform = 'translate(0,0)';
      target = targetAt(e.clientX, e.clientY) || drag.target;
    }
    const dragged = drag.n;
    endDrag();
    if (target) merge([Number(target.dataset.number), dragged]);
  });
  ui.list.addEventListener('pointercancel', (e) => { if (drag && e.pointerId === drag.id) endDrag(); });
  ui.list.addEventListener('lostpointercapture', (e) => { if (drag && e.pointerId === drag.id && !drag.active) endDrag(); });
  ui.list.addEventListener('contextmenu', (e) => { if (e.target.closest('.c-handle')) e.preventDefault(); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && drag) endDrag(); });

  /* ---------- start: token, then the stream ---------- */
  const getToken = async () => {
    const hash = new URLSearchParams(location.hash.slice(1));
    const initData = hash.get('tgWebAppData');
    if (initData) {
      PK.forgetHash();
      const w = parseInt(new URLSearchParams(location.search).get('w') || '', 10);
      let res = null;
      for (let attempt = 0; !res; attempt++) {
        try {
          res = await fetch('/api/session', {
            method: 'POST', cache: 'no-store', credentials: 'omit',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ init_data: initData, workshop: Number.isFinite(w) ? w : null }),
          });
        } catch (e) {
          if (attempt >= 4) { fatal(t('web.verbinding_weg')); return ''; }
          PK.showConn(ui.conn, 'lost');
          await PK.sleep(Math.min(500 * 2 ** attempt, 5000));
        }
      }
      if (!res.ok) { fatal(await PK.readMessage(res)); return ''; }
      let j = null;
      try { j = await res.json(); } catch (e) { j = null; }
      if (!j || !j.token) { fatal(t('web.geen_toegang')); return ''; }
      try { sessionStorage.setItem(TOKEN_KEY, j.token); } catch (e) { /* ignore */ }
      return j.token;
    }
    return PK.takeHashToken(TOKEN_KEY);
  };

  const start = async () => {
    PK.telegramReady();
    token = await getToken();
    if (!token) { if (!stopped) fatal(t('web.geen_toegang')); PK.showConn(ui.conn, 'denied'); return; }
    stream = PK.openStream(token, {
      state: (s) => onState(s, false),
      conn: (st) => PK.showConn(ui.conn, st),
      closed: (msg) => fatal(msg),
      denied: (msg) => { PK.dropStoredToken(TOKEN_KEY); fatal(msg); },
    });
  };
  start();
})();
