@echo off
rem The regla command, from the distribution, on Windows: needs only a Java 17+ runtime (JAVA_HOME, or java on
rem the PATH). REGLA_JAVA_OPTS replaces the default JVM flags. Paths with spaces are quoted throughout.
setlocal
set "REGLA_HOME=%~dp0.."
if defined JAVA_HOME (
  set "REGLA_JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "REGLA_JAVA=java"
)
rem as bin/regla: no Java is exit 3 with one line saying so, not cmd's "is not recognized" (the labels at the end)
if defined JAVA_HOME if not exist "%REGLA_JAVA%" goto noJavaHome
if not defined JAVA_HOME where java >nul 2>nul || goto noJava
rem Short commands start faster with the quick compiler alone; long ones (serve, demo, migrations) need the optimising one.
if not defined REGLA_JAVA_OPTS (
  set "REGLA_JAVA_OPTS=-XX:+UseSerialGC -Xshare:auto"
  for %%c in (decide validate versions history users help --help -h --version) do (
    if /i "%~1"=="%%c" set "REGLA_JAVA_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
  )
  rem the bank's migration: a throughput collector (benchmarks/README.md, Loyalty migration)
  if /i "%~1"=="loyalty" set "REGLA_JAVA_OPTS=-XX:+UseParallelGC -Xshare:auto"
)
"%REGLA_JAVA%" %REGLA_JAVA_OPTS% "-Dregla.home=%REGLA_HOME%" -cp "%REGLA_HOME%\lib\*" io.regla.cli.ReglaCli %*
exit /b %ERRORLEVEL%
:noJavaHome
echo regla: JAVA_HOME has no bin\java.exe: install Java 17 or correct JAVA_HOME 1>&2
exit /b 3
:noJava
echo regla: no Java runtime found: install Java 17 or set JAVA_HOME 1>&2
exit /b 3
