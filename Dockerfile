# One image for the gateway and the five subgraphs; docker-compose.yml picks the process per service.
FROM node:22-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json .swcrc ./
COPY gateway gateway
COPY subgraphs subgraphs
COPY schema schema
COPY scripts scripts
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HUB_HOST=0.0.0.0
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY domain domain
COPY schema schema
COPY gateway/explorer gateway/explorer
COPY gateway/dashboard gateway/dashboard
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
CMD ["node", "--heap-growing-percent=50", "dist/gateway/index.js"]
