# a JDK image with a build tool
# want "SingleStageBuild: ships the JDK in the final image"
FROM eclipse-temurin:21-jdk
WORKDIR /app
COPY . .
RUN ./gradlew --no-daemon bootJar
ENTRYPOINT ["java", "-jar", "build/libs/app.jar"]
