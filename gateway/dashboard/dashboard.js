/* global Chart */
// The provincial dashboard: the performance query per agency, the overdue dossiers and where dossiers in
// flight are now. The supervisor's token stays in this browser (localStorage) and goes with each request.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var charts = {};
  var names = {};

  function token() { return localStorage.getItem('hub.token') || ''; }

  function graphql(query, variables) {
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token() },
      body: JSON.stringify({ query: query, variables: variables || {} })
    }).then(function (response) { return response.json(); }).then(function (body) {
      if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
      return body.data;
    });
  }

  function cell(row, value, field) {
    var td = document.createElement('td');
    td.textContent = value;
    if (field) td.dataset.field = field;
    row.appendChild(td);
    return td;
  }

  function percent(rate) { return rate === null ? '—' : (rate * 100).toFixed(1).replace('.', ',') + ' %'; }
  function localDate(iso) { return new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }); }

  function draw(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart($(id), config);
  }

  var FIELDS = ['received', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressOnTime', 'inProgressOverdue', 'suspended'];

  function showPerformance(rows) {
    var body = $('performance').querySelector('tbody');
    body.innerHTML = '';
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      tr.dataset.agency = row.agency.code;
      if (row.total) tr.className = 'total';
      cell(tr, row.total ? 'Toàn tỉnh' : row.agency.name, 'name');
      FIELDS.forEach(function (field) { cell(tr, String(row[field]), field); });
      cell(tr, percent(row.onTimeRate), 'onTimeRate').dataset.value = row.onTimeRate === null ? '' : String(row.onTimeRate);
      body.appendChild(tr);
    });
    var agencies = rows.filter(function (row) { return !row.total; });
    draw('resolved-chart', {
      type: 'bar',
      data: {
        labels: agencies.map(function (row) { return row.agency.name; }),
        datasets: [
          { label: 'Trước hạn', data: agencies.map(function (row) { return row.resolvedEarly; }), backgroundColor: '#2e7d32' },
          { label: 'Đúng hạn', data: agencies.map(function (row) { return row.resolvedOnTime; }), backgroundColor: '#1565c0' },
          { label: 'Quá hạn', data: agencies.map(function (row) { return row.resolvedLate; }), backgroundColor: '#b3261e' }
        ]
      },
      options: { animation: false, plugins: { title: { display: true, text: 'Hồ sơ đã giải quyết' } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
    });
  }

  function showOverdue(connection) {
    var body = $('overdue').querySelector('tbody');
    body.innerHTML = '';
    connection.edges.forEach(function (edge) {
      var dossier = edge.node;
      var tr = document.createElement('tr');
      tr.dataset.code = dossier.code;
      cell(tr, dossier.code, 'code');
      cell(tr, dossier.procedureName, 'procedure');
      cell(tr, dossier.holder ? dossier.holder.name : '—', 'holder');
      cell(tr, localDate(dossier.dueAt), 'dueAt');
      var days = Math.floor((Date.now() - new Date(dossier.dueAt).getTime()) / 86400000);
      cell(tr, days >= 1 ? days + ' ngày' : 'dưới 1 ngày', 'late');
      body.appendChild(tr);
    });
  }

  function showInFlight(agencies) {
    var holding = agencies.filter(function (agency) { return agency.inbox.totalCount > 0; })
      .sort(function (a, b) { return b.inbox.totalCount - a.inbox.totalCount; });
    var body = $('in-flight').querySelector('tbody');
    body.innerHTML = '';
    holding.forEach(function (agency) {
      var tr = document.createElement('tr');
      tr.dataset.agency = agency.code;
      cell(tr, agency.name, 'name');
      cell(tr, String(agency.inbox.totalCount), 'count');
      body.appendChild(tr);
    });
    draw('in-flight-chart', {
      type: 'bar',
      data: { labels: holding.map(function (a) { return a.name; }), datasets: [{ label: 'Hồ sơ đang xử lý', data: holding.map(function (a) { return a.inbox.totalCount; }), backgroundColor: '#6d4c41' }] },
      options: { animation: false, indexAxis: 'y', plugins: { title: { display: true, text: 'Hồ sơ đang ở đâu' } } }
    });
  }

  function load() {
    $('error').textContent = '';
    var variables = { from: $('from').value, to: $('to').value };
    return graphql(
      'query Dashboard($from: Date!, $to: Date!) {' +
        ' performance(from: $from, to: $to) { agency { code name } total received resolvedEarly resolvedOnTime resolvedLate inProgressOnTime inProgressOverdue suspended onTimeRate }' +
        ' dossiers(filter: { overdue: true }, first: 50) { edges { node { code procedureName dueAt holder { name } } } }' +
        ' agencies { code name inbox(first: 0) { totalCount } } }',
      variables
    ).then(function (data) {
      data.agencies.forEach(function (agency) { names[agency.code] = agency.name; });
      showPerformance(data.performance);
      showOverdue(data.dossiers);
      showInFlight(data.agencies);
      document.body.dataset.loaded = 'true';
    }).catch(function (error) { $('error').textContent = 'Không tải được số liệu: ' + error.message; });
  }

  function signedIn() {
    $('sign-in-status').textContent = token() ? 'Đã đăng nhập.' : 'Chưa đăng nhập.';
    $('sign-out').hidden = !token();
  }

  $('use-token').addEventListener('click', function () {
    localStorage.setItem('hub.token', $('token').value.trim());
    $('token').value = '';
    signedIn();
    load();
  });
  $('sign-out').addEventListener('click', function () { localStorage.removeItem('hub.token'); signedIn(); });
  $('show').addEventListener('click', load);
  $('dev-sign-in').addEventListener('click', function () {
    fetch('/dashboard/dev-token', { method: 'POST' }).then(function (r) { return r.json(); }).then(function (body) {
      localStorage.setItem('hub.token', body.token);
      signedIn();
      load();
    });
  });
  fetch('/dashboard/dev-token', { method: 'HEAD' }).then(function (r) { $('dev-sign-in').hidden = !r.ok; });

  var today = new Date();
  $('to').value = today.toISOString().slice(0, 10);
  $('from').value = today.getFullYear() + '-01-01';
  signedIn();
  if (token()) load();
})();
