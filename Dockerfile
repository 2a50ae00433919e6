# Build with the Maven wrapper on JDK 17, then run the extracted layers on a Java 25 JRE as a
# non-root user. Layout as in Spring Boot's reference ("Dockerfiles"): jarmode=tools extract
# --layers, and an AOT cache (JEP 483, 514 and 515) recorded by a training run.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src/ src/
# The commit the image is built from, for /actuator/info (the build context has no .git).
ARG GIT_COMMIT=""
RUN if [ -n "$GIT_COMMIT" ]; then printf 'git.commit.id=%s\n' "$GIT_COMMIT" > src/main/resources/git.properties; fi \
 && ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true package \
 && cp target/smtp-reference-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
RUN groupadd --system app && useradd --system --gid app --no-create-home app
WORKDIR /application
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY --from=build /src/extracted/application/ ./
# Training run: start, serve one page of every kind in both languages, then stop
# (site.training-run; a page that fails fails the build). The AOT cache keeps the classes
# loaded and linked and the method profiles of that run; later starts map them instead of
# loading, verifying and profiling again. Same JVM options as the ENTRYPOINT's.
RUN java -XX:AOTCacheOutput=application.aot -XX:MaxRAMPercentage=75 -Dsite.training-run=true \
      -jar application.jar --server.port=0 \
 && chmod 0444 application.aot
USER app
EXPOSE 8080
# Six misses in a row (a minute) before "unhealthy": room for a slow first start.
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:AOTCache=application.aot", "-XX:MaxRAMPercentage=75", "-jar", "application.jar"]
