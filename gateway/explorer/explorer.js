/* global React, ReactDOM, GraphiQL, EXPLORER_EXAMPLES */
// The hub's explorer: GraphiQL served by the gateway itself, no CDN. Public operations run as they are;
// the others need a token in the headers tab: {"Authorization": "Bearer <token>"}, a token from
// `npm run token -- --agency <code> --roles <ROLES> --name "<name>"`. Headers start empty: a header must be
// plain ASCII, and a placeholder would be sent as a bad token.
(function () {
  var tabs = EXPLORER_EXAMPLES.map(function (example) {
    return {
      query: example.query,
      variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
      headers: '{}',
    };
  });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: '/graphql' }),
      defaultTabs: tabs,
      defaultHeaders: '{}',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
