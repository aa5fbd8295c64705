FROM debian:bookworm
# want "NonInteractiveFlagMissing: apt-get install may ask for a confirmation"
RUN apt-get update && apt-get install --no-install-recommends curl

# the assume-yes forms of apt-get
RUN apt-get install -y curl && apt-get -qy install git && apt-get install --yes jq \
 && apt-get install --assume-yes make && apt-get -qq install gcc && apt-get -q -q install g++ \
 && apt-get install -q=2 vim && yes | apt-get install nano && apt-get update && apt-get clean

# want "NonInteractiveFlagMissing: apt-get remove"
RUN apt-get remove curl

# want "NonInteractiveFlagMissing: apt install"
RUN apt install curl

# want "NonInteractiveFlagMissing: yum install"
RUN yum install httpd && yum -y install git && yum install --assumeyes jq && yum makecache

# want "NonInteractiveFlagMissing: dnf install" "NonInteractiveFlagMissing: microdnf install"
RUN dnf install httpd && microdnf install jq && dnf -y install git

# want "NonInteractiveFlagMissing: zypper in"
RUN zypper in curl && zypper -n in git && zypper --non-interactive install jq && zypper install -y vim && zypper refresh

# want "NonInteractiveFlagMissing: apt-get install"
ONBUILD RUN apt-get install curl
