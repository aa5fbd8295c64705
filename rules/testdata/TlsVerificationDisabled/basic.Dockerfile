FROM node:20-slim
# want "TlsVerificationDisabled: ^curl -kfsSLo accepts any certificate; the download can be replaced in transit$"
RUN curl -kfsSLo /tmp/tool.tgz https://example.com/tool.tgz
# want "TlsVerificationDisabled: ^curl --insecure"
RUN curl --insecure -o /tmp/a https://example.com/a
# want "TlsVerificationDisabled: ^wget --no-check-certificate"
RUN wget --no-check-certificate https://example.com/b
# want "TlsVerificationDisabled: ^pip3 --trusted-host"
RUN pip3 install --trusted-host pypi.example.com requests
# want "TlsVerificationDisabled: ^pip config trusted-host"
RUN python3 -m pip config set global.trusted-host pypi.example.com
# want "TlsVerificationDisabled: ^npm config strict-ssl false"
RUN npm config set strict-ssl false
# want "TlsVerificationDisabled: ^yarn config strict-ssl false"
RUN yarn config set strict-ssl false
# want "TlsVerificationDisabled: ^git config http.sslVerify false"
RUN git config --global http.sslVerify false
# want "TlsVerificationDisabled: ^git -c http.sslVerify=false"
RUN git -c http.sslVerify=false clone https://git.example.com/x.git
# want "TlsVerificationDisabled: ^sslverify=0"
RUN echo "sslverify=0" >> /etc/yum.conf
# want "TlsVerificationDisabled: kubectl --insecure-skip-tls-verify"
RUN kubectl --insecure-skip-tls-verify get pods
# want "TlsVerificationDisabled: ^composer disable-tls true"
RUN composer config -g disable-tls true
# want "TlsVerificationDisabled: ^conda ssl_verify false"
RUN conda config --set ssl_verify false

# variables, in ENV, ARG defaults and the script
# want "TlsVerificationDisabled: ^ENV NODE_TLS_REJECT_UNAUTHORIZED=0: Node.js accepts any certificate$"
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# want "TlsVerificationDisabled: ^ENV GIT_SSL_NO_VERIFY=false: git skips certificate checks whatever the value$"
ENV GIT_SSL_NO_VERIFY=false
# want "TlsVerificationDisabled: PIP_TRUSTED_HOST"
ARG PIP_TRUSTED_HOST=pypi.example.com
# want "TlsVerificationDisabled: PYTHONHTTPSVERIFY"
ENV PYTHONHTTPSVERIFY 0
# want "TlsVerificationDisabled: ^NODE_TLS_REJECT_UNAUTHORIZED=0: Node"
RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm install
# want "TlsVerificationDisabled: ^npm_config_strict_ssl=false"
RUN export npm_config_strict_ssl=false && npm ci
