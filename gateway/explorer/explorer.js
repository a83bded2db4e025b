/* global React, ReactDOM, GraphiQL, EXPLORER_EXAMPLES, fillPlaceholders, rememberCreated */
// The hub's explorer: GraphiQL served by the gateway itself, no CDN. Public operations run as they are;
// the others need a token in the headers tab: {"Authorization": "Bearer <token>"}; each tab's first lines
// say whose, and `npm run -s token -- …` prints one in development. Headers start empty: a header must be
// plain ASCII, and a placeholder would be sent as a bad token.
// The tabs tell a dossier's life in order: $LAST_DOSSIER, $LAST_NOTICE and $LAST_WEBHOOK in their variables are
// filled with what the tabs before created (kept for this browser tab's session).
(function () {
  var STORE = 'mot-cua-hub-explorer-created';
  var created = {};
  try {
    created = JSON.parse(sessionStorage.getItem(STORE) || '{}');
  } catch (error) {
    created = {};
  }
  var tabs = EXPLORER_EXAMPLES.map(function (example) {
    return {
      query: example.query,
      variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
      headers: '{}',
    };
  });
  var send = GraphiQL.createFetcher({ url: '/graphql' });
  var fetcher = function (params, options) {
    var filled = Object.assign({}, params, { variables: fillPlaceholders(params.variables, created) });
    return Promise.resolve(send(filled, options)).then(function (result) {
      if (result && result.data) {
        rememberCreated(result.data, created);
        sessionStorage.setItem(STORE, JSON.stringify(created));
      }
      return result;
    });
  };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      defaultHeaders: '{}',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
