FROM eclipse-temurin:21
# layerlint ignore=UndefinedVar JAVA_HOME is set by the base image
ENV PATH=$JAVA_HOME/bin:$PATH
