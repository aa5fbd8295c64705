# the host's build output may be what the image serves: the fix is offered
# for review only, and --fix leaves the context as it is
FROM nginx:1.27
# want "MissingDockerignore: ^COPY \. /usr/share/nginx/html sends dist"
COPY . /usr/share/nginx/html
