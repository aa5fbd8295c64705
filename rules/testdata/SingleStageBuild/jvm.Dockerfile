# want "SingleStageBuild: ships the maven toolchain"
FROM maven:3.9-eclipse-temurin-21
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B -DskipTests clean package
CMD ["java", "-jar", "target/app.jar"]
