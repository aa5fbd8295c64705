FROM node:20-slim
RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz
# -o takes a value: "-ok" writes to a file named k
RUN curl -ok https://example.com/k
RUN wget -q https://example.com/b
RUN pip3 install --index-url https://pypi.example.com/simple requests
RUN npm config set strict-ssl true
RUN git config --global http.sslVerify true
RUN echo "sslverify=1" >> /etc/yum.conf
ENV NODE_TLS_REJECT_UNAUTHORIZED=1
# an ARG without a default is not set unless the build passes it
ARG PIP_TRUSTED_HOST
ENV PIP_TRUSTED_HOST_COMMENT=none
