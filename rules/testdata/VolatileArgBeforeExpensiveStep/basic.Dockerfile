FROM node:20-slim
# want "VolatileArgBeforeExpensiveStep: ^ARG BUILD_DATE changes on every build and is declared before 'npm ci' on line 7, which reruns whenever the value changes; declare the ARG just before its first use$"
ARG BUILD_DATE
WORKDIR /app
COPY package.json package-lock.json ./
# the install reads nothing of BUILD_DATE, yet reruns on every build
RUN npm ci
COPY . .
RUN npm run build
LABEL org.opencontainers.image.created=$BUILD_DATE
