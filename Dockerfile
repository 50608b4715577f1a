# The API image: Node 24 (the tested LTS line), production dependencies and tsx (it runs the TypeScript directly).
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY schema.graphql ./
COPY bin ./bin
COPY src ./src
COPY cypher ./cypher
COPY tools/build-dashboard.mjs ./tools/build-dashboard.mjs
COPY seeds ./seeds
# The country tables and event codes drafts and validation read.
COPY data ./data
# The dashboard is built here, never committed.
RUN node tools/build-dashboard.mjs
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD node -e "fetch('http://127.0.0.1:4000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
