/* Projector view: read-only, built for 1920x1080. */
'use strict';
(() => {
  const { t, el, $, clear } = window.PK;
  const PK = window.PK;
  const TOKEN_KEY = 'pk.scherm.token';
  const main = $('#main');
  const conn = $('#conn');
  let state = null;
  let prevTexts = null; // texts of the current column's items in the previous state
  let prevCurrent = null;
  let lastTouch = 0; // last time someone scrolled by hand
  const reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  const fatal = (msg) => {
    const box = $('#fatal');
    clear(box).append(el('p', { text: msg || t('web.geen_toegang') }));
    box.hidden = false;
    document.body.dataset.fatal = '1';
  };

  const header = (s) => {
    $('#brand').textContent = PK.hasText('web.titel') ? t('web.titel') : '';
    $('#goal').textContent = s.goal || '';
    const phase = $('#phase');
    phase.textContent = s.phase || '';
    phase.hidden = !s.phase;
    const min = $('#minutes');
    const hasMin = s.minutes_left !== null && s.minutes_left !== undefined;
    min.hidden = !hasMin;
    if (hasMin) min.textContent = t('web.minuten_over', { minuten: s.minutes_left });
    const vote = $('#voting');
    const voting = !!s.voting && s.mode === 'plenary';
    vote.hidden = !voting;
    if (voting) {
      clear(vote).append(el('span', { class: 'pulse', 'aria-hidden': 'true' }),
        el('span', { text: t('web.stemmen_bezig', { aantal: Number(s.voters) || 0 }) }));
    }
    const ok = $('#confirmed');
    ok.hidden = !(s.mode === 'plenary' && s.confirmed);
    ok.textContent = '✓ ' + t('web.bevestigd');
  };

  const colHead = (c, isCurrent) => {
    const head = el('header', { class: 'col-head' });
    const title = el('div', { class: 'col-title' },
      el('span', { class: 'col-num', text: c.number }),
      el('h2', { class: 'col-name', text: c.name || '' }));
    if (c.status === 'confirmed') title.append(el('span', { class: 'col-ok', title: t('web.bevestigd') }, '✓', isCurrent ? ' ' + t('web.bevestigd') : null));
    head.append(title);
    if (c.question) head.append(el('p', { class: 'col-q', text: c.question }));
    return head;
  };

  const bigItem = (item, s, fresh) => {
    const li = el('li', { class: 'item' + (fresh ? ' fresh' : ''), testid: 'item' });
    li.dataset.number = item.number;
    li.append(el('span', { class: 'it-num', 'aria-hidden': 'true', text: item.number }));
    const body = el('div', { class: 'it-body' });
    body.append(PK.itemBody(item, { voting: s.voting }));
    li.append(body);
    return li;
  };

  const smallItem = (item) => {
    const li = el('li', { class: 'sitem', testid: 'col-item' });
    li.dataset.number = item.number;
    li.append(el('span', { class: 'it-num', text: item.number }));
    const body = el('div', { class: 'it-body' });
    body.append(PK.itemBody(item, { full: false }));
    li.append(body);
    return li;
  };

  const column = (c, s, mode) => {
    const isCurrent = mode === 'plenary' && c.number === s.current;
    const items = Array.isArray(c.items) ? c.items : [];
    const art = el('article', {
      class: `col ${PK.colClass(c.number)} st-${c.status || 'open'}${isCurrent ? ' is-current' : ''}${items.length ? '' : ' is-empty'}`,
      testid: isCurrent ? 'current-column' : 'column',
    });
    art.dataset.number = c.number;
    art.append(colHead(c, isCurrent));
    const body = el('div', { class: 'col-body' });
    const digits = items.length >= 100 ? ' n3' : items.length >= 10 ? ' n2' : '';
    const list = el('ol', { class: (isCurrent ? 'list list-big' : 'list list-small') + digits });
    if (isCurrent) {
      const known = prevCurrent === s.current && prevTexts ? prevTexts : null;
      for (const it of items) list.append(bigItem(it, s, known && !known.has(itemKey(it))));
      if (!items.length) body.append(el('p', { class: 'empty', text: t('web.kolom_leeg') }));
    } else {
      for (const it of items) list.append(smallItem(it));
    }
    body.append(list);
    body.addEventListener('scroll', () => markMore(body), { passive: true });
    art.append(el('div', { class: 'col-scroll' }, body, el('div', { class: 'more', 'aria-hidden': 'true', text: '▾' })));
    return art;
  };

  /** A follow-up's starting material: the first meeting's values, compact, beside the list. */
  const firstMeeting = (fm) => {
    const aside = el('aside', { class: 'first-meeting', testid: 'first-meeting' });
    aside.append(el('h2', { class: 'fm-title', text: t('web.eerste.kop') }));
    const body = el('div', { class: 'col-body fm-body' });
    body.dataset.scrollKey = 'first';
    const section = (key, testid) => {
      const sec = el('section', { class: 'fm-section', testid });
      sec.append(el('h3', { class: 'fm-head', text: t(key) }));
      body.append(sec);
      return sec;
    };
    const list = (texts, groups) => {
      const ul = el('ul', { class: 'fm-list' });
      for (const text of texts) ul.append(el('li', { class: 'fm-item', testid: 'fm-item' }, text));
      if (groups && groups.length) {
        const tags = el('span', { class: 'fm-groups', testid: 'fm-groups' });
        groups.forEach((g, i) => tags.append(i ? ', ' : '', el('span', { class: 'fm-g', text: g })));
        ul.lastChild.append(tags);
      }
      return ul;
    };
    const confirmed = Array.isArray(fm.confirmed) ? fm.confirmed : [];
    if (confirmed.length) section('web.eerste.bevestigd', 'fm-confirmed').append(list(confirmed));
    const shared = Array.isArray(fm.shared) ? fm.shared : [];
    if (shared.length) {
      const sec = section('web.eerste.gedeeld', 'fm-shared');
      for (const it of shared) sec.append(list([it.text], Array.isArray(it.groups) ? it.groups : []));
    }
    const own = Array.isArray(fm.own) ? fm.own : [];
    if (own.length) {
      const sec = section('web.eerste.eigen', 'fm-own');
      for (const g of own) {
        sec.append(el('p', { class: 'fm-group', testid: 'fm-group', text: g.group }), list(g.items || []));
      }
    }
    body.addEventListener('scroll', () => markMore(body), { passive: true });
    aside.append(el('div', { class: 'col-scroll' }, body, el('div', { class: 'more', 'aria-hidden': 'true', text: '▾' })));
    return aside;
  };

  const render = (s) => {
    PK.applyCommon(s);
    header(s);
    // keep hand-scrolled positions per column
    const scroll = {};
    for (const b of main.querySelectorAll('[data-scroll-key]')) scroll[b.dataset.scrollKey] = b.scrollTop;
    clear(main);
    const mode = s.mode === 'plenary' && s.current ? 'plenary' : s.mode === 'progress' ? 'progress' : 'all';
    main.dataset.view = mode;
    const fm = s.first_meeting && typeof s.first_meeting === 'object' ? s.first_meeting : null;
    const holder = fm ? el('div', { class: 'stage-split' }) : main;
    main.classList.toggle('with-first', !!fm);
    if (fm) main.append(holder);
    if (mode === 'progress') {
      const sec = el('section', { class: 'progress', testid: 'progress' });
      sec.append(el('h2', { class: 'progress-title', text: t('web.groepen_bezig') }));
      const body = el('div', { class: 'col-body progress-body' });
      body.dataset.scrollKey = 'progress';
      body.append(PK.progressCards(s.subgroups, s.columns));
      body.addEventListener('scroll', () => markMore(body), { passive: true });
      sec.append(el('div', { class: 'col-scroll' }, body, el('div', { class: 'more', 'aria-hidden': 'true', text: '▾' })));
      holder.append(sec);
    } else {
      const board = el('section', { class: 'board board-' + mode, testid: 'board' });
      for (const c of s.columns || []) board.append(column(c, s, mode === 'plenary' ? 'plenary' : 'all'));
      holder.append(board);
      for (const b of board.querySelectorAll('.col')) b.querySelector('.col-body').dataset.scrollKey = 'c' + b.dataset.number;
    }
    if (fm) holder.append(firstMeeting(fm));
    fit();
    for (const b of main.querySelectorAll('[data-scroll-key]')) {
      if (scroll[b.dataset.scrollKey]) b.scrollTop = scroll[b.dataset.scrollKey];
      markMore(b);
    }
    const cur = (s.columns || []).find((c) => c.number === s.current);
    prevTexts = cur ? new Set((cur.items || []).map(itemKey)) : null;
    prevCurrent = s.current;
    showFresh();
  };

  const overflows = (b) => b.scrollHeight > b.clientHeight + 2;
  const itemKey = (i) => `${i.text}\u0000${Array.isArray(i.variants) ? i.variants.length : 0}`;

  /** A changed item below the fold: scroll it into view so the room sees the change. */
  const showFresh = () => {
    const f = main.querySelector('.item.fresh');
    if (!f) return;
    const body = f.closest('.col-body');
    const fr = f.getBoundingClientRect();
    const br = body.getBoundingClientRect();
    if (fr.top >= br.top && fr.bottom <= br.bottom) return;
    body.scrollTo({ top: body.scrollTop + fr.top - br.top - 16, behavior: reduced ? 'auto' : 'smooth' });
    lastTouch = Math.max(lastTouch, Date.now() - 15000); // let the room read it before paging on
  };

  /** Shrink type (and add text columns) until a list fits; below the minimum it scrolls. */
  const fit = () => {
    let smallest = 99;
    for (const art of main.querySelectorAll('.col')) {
      const body = art.querySelector('.col-body');
      const list = art.querySelector('.list');
      const big = list.classList.contains('list-big');
      const wide = art.clientWidth;
      let steps;
      if (big) {
        const n = list.children.length;
        steps = [[1, 32], [1, 30]];
        if (wide > 900) steps.push([2, 32], [2, 30], [2, 28]);
        if (wide > 1300 || n > 24) steps.push([3, 28]);
        if (n > 30 && wide > 900) steps = steps.filter((x) => x[0] > 1);
        steps.push([steps[steps.length - 1][0], 28]);
      } else if (main.dataset.view === 'all') {
        steps = [[1, 28], [1, 26], [1, 24], [1, 22], [1, 20]];
      } else {
        steps = [[1, 22], [1, 21], [1, 20]];
      }
      list.classList.remove('as-grid', 'compact');
      list.style.gridTemplateColumns = '';
      if (big) steps.push([0, 0]); // last try: the same, with compact notes and variants
      let cols = 1;
      for (const [c, fs] of steps) {
        if (c === 0) { list.classList.add('compact'); break; }
        cols = c;
        list.style.columnCount = c > 1 ? String(c) : '';
        list.style.fontSize = fs + 'px';
        if (!overflows(body)) break;
      }
      if (!big && !overflows(body)) smallest = Math.min(smallest, parseInt(list.style.fontSize, 10));
      if (big && overflows(body) && cols > 1) {
        // too long for one screen: fill row by row, so paging down shows the next numbers
        list.style.columnCount = '';
        list.classList.add('as-grid');
        list.style.gridTemplateColumns = `repeat(${cols}, minmax(0, 1fr))`;
      }
    }
    // side by side, all columns use the same type size: calmer to read
    if (main.dataset.view === 'all' && smallest < 99) {
      for (const list of main.querySelectorAll('.list-small')) {
        if (parseInt(list.style.fontSize, 10) > smallest) list.style.fontSize = smallest + 'px';
      }
    }
  };

  const markMore = (b) => {
    const wrap = b.parentElement;
    if (!wrap) return;
    wrap.classList.toggle('has-more', b.scrollTop + b.clientHeight < b.scrollHeight - 4);
  };

  // Someone scrolls by hand: leave the scrolling to them for a while.
  for (const ev of ['wheel', 'keydown', 'pointerdown', 'touchstart']) {
    window.addEventListener(ev, () => { lastTouch = Date.now(); }, { passive: true });
  }
  // Long lists page down slowly by themselves, so the back of the room sees everything.
  setInterval(() => {
    if (Date.now() - lastTouch < 30000) return;
    for (const b of main.querySelectorAll('[data-scroll-key]')) {
      if (!overflows(b)) continue;
      const atEnd = b.scrollTop + b.clientHeight >= b.scrollHeight - 4;
      let top = 0;
      if (!atEnd) {
        // next page starts at the first item that is cut off at the bottom
        const br = b.getBoundingClientRect();
        const cut = [...b.querySelectorAll('.item, .sitem, .pg-card, .fm-item, .fm-group')].find((e) => e.getBoundingClientRect().bottom > br.bottom + 1);
        const y = cut ? b.scrollTop + cut.getBoundingClientRect().top - br.top - 8 : 0;
        top = y > b.scrollTop + 40 ? y : b.scrollTop + Math.round(b.clientHeight * 0.8);
      }
      b.scrollTo({ top, behavior: reduced ? 'auto' : 'smooth' });
    }
  }, 12000);

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (state) render(state); }, 150);
  });

  const start = () => {
    const token = PK.takeHashToken(TOKEN_KEY);
    if (!token) { PK.showConn(conn, 'denied'); fatal(t('web.geen_toegang')); return; }
    PK.openStream(token, {
      state: (s) => { state = s; render(s); PK.markReady(); },
      conn: (st) => PK.showConn(conn, st),
      closed: (msg) => fatal(msg),
      denied: (msg) => { PK.dropStoredToken(TOKEN_KEY); fatal(msg); },
    });
  };
  start();
})();
