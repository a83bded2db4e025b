/* global React, ReactDOM, GraphiQL, EXPLORER_EXAMPLES */
// The hub's explorer: GraphiQL served by the gateway itself, no CDN. The headers tab carries the token
// (`npm run token -- --agency <code> --roles <ROLES> --name "<name>"`).
(function () {
  var headers = JSON.stringify({ Authorization: 'Bearer <dán token vào đây / paste a token here>' }, null, 2);
  var tabs = EXPLORER_EXAMPLES.map(function (example) {
    return {
      query: example.query,
      variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
      headers: headers,
    };
  });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: '/graphql' }),
      defaultTabs: tabs,
      defaultHeaders: headers,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
