# Build with the Maven wrapper, then run the extracted layers on a JRE as a non-root user.
# Layout as in Spring Boot's reference ("Dockerfiles"): jarmode=tools extract --layers,
# and a class data sharing archive made by a training run ("Class Data Sharing").
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

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --no-create-home app
WORKDIR /application
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY --from=build /src/extracted/application/ ./
# Training run: start the context, stop at refresh, and keep the loaded classes in an
# archive that later starts map instead of loading and verifying them again.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh -jar application.jar \
 && chmod 0444 application.jsa
USER app
EXPOSE 8080
# Six misses in a row (a minute) before "unhealthy": room for a slow first start.
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application.jsa", "-XX:MaxRAMPercentage=75", "-jar", "application.jar"]
