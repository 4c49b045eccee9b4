# Multi-stage build: compile TypeScript with dev dependencies, ship only production dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# The digest chart needs no system fonts: its font is the dejavu-fonts-ttf dependency, and npm picks
# @resvg/resvg-js's glibc binary for bookworm from the lockfile (a musl base would get the musl one).
# `npm run docker:digest` draws a chart in the image and checks that its text is there.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY questions ./questions
USER node
EXPOSE 3000
# Every 10 s: a check is one short node process and one Redis PING, and a 30 s interval kept a
# fresh container "starting" for half a minute (--start-interval would fix that, but needs Docker 25).
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/app/main.js"]
