FROM node:20-alpine
WORKDIR /app
# want "CopyMultipleSourcesToFile: 2 sources are copied to '/app', which does not end with /; write /app/"
COPY package.json package-lock.json /app
# want "CopyMultipleSourcesToFile"
COPY ["a.txt", "b.txt", "/data"]
# want "CopyMultipleSourcesToFile"
ADD --chown=1:1 x y z
# want "CopyMultipleSourcesToFile"
ONBUILD COPY a b /dst

# one source, or a directory destination
COPY package.json /app
COPY a b /app/
COPY a b .
COPY ["a", "b", "/c/"]
