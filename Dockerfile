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
# glibc keeps up to 8 malloc arenas per core, each growing on its own: with Jetty's and
# Netty's threads that is native memory outside every JVM ceiling below. Two are enough here.
ENV MALLOC_ARENA_MAX=2
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
RUN java -XX:AOTCacheOutput=application.aot -XX:+UseSerialGC -XX:MaxRAMPercentage=35 -XX:MaxDirectMemorySize=96m \
      -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=96m -Dspring.aot.enabled=true -Dsite.training-run=true \
      -jar application.jar --server.port=0 \
 && chmod 0444 application.aot
USER app
EXPOSE 8080
# Six misses in a row (a minute) before "unhealthy": room for a slow first start.
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
# Memory: sized for a container limit of 768 MiB (deploy/ sets it; give at least that). Every
# part of the JVM that can grow has a ceiling, and the ceilings add up to less than the limit:
#   heap                 MaxRAMPercentage=35      270 MiB  (the abuse bench holds on 256 MB)
#   direct buffers       MaxDirectMemorySize       96 MiB  (Jetty's and the sandbox's: Netty
#                        makes plain JDK direct buffers here, so this one cap counts both)
#   class metadata       MaxMetaspaceSize         128 MiB  (about 80 MiB used)
#   compiled code        ReservedCodeCacheSize     96 MiB  (about 40 MiB used after load)
#   the rest, measured with NativeMemoryTracking under the memory attacks: thread stacks
#   (touched pages only) 27, symbols 14, shared classes 14, arenas 11, GC tables (the serial
#   collector) 1, mapped libraries about 40                                     ~110 MiB
#   every part at its ceiling                                                     ~700 MiB
# Before, a 75% heap plus direct memory as large as the heap (the JDK's default) could reach
# twice the 512 MiB limit: one SMTP client that never read its replies got the container
# OOM-killed. A larger limit grows only the heap; a smaller one than 768 MiB is not safe.
# -XX:+UseSerialGC: the collector the JVM picks by itself under 1792 MiB, named so that a larger
# limit does not switch to G1, whose remembered sets and threads this budget does not hold. It
# also starts sooner: the first page came 90-160 ms earlier than with G1 on a host without a
# limit (4 runs, issue 21). The training run uses it too, like every option here.
# -Dspring.aot.enabled=true: the bean definitions the build generated (process-aot) instead of
# scanning and evaluating conditions at each start; the cache above was trained on that path.
# A setting that chooses other beans than the build's (site.sandbox.store=redis) turns it off
# by itself (AotGuard), so the image stays right for every setting.
ENTRYPOINT ["java", "-XX:AOTCache=application.aot", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=35", "-XX:MaxDirectMemorySize=96m", \
            "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=96m", "-Dspring.aot.enabled=true", \
            "-jar", "application.jar"]
