using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>What one run of a flash script did.</summary>
    internal sealed class ScriptRun
    {
        public int ExitCode { get; init; }

        public string StdOut { get; init; }

        public string StdErr { get; init; }

        /// <summary>One line per call of the stand-in nanoff or dotnet: program name, then the arguments, space separated.</summary>
        public IReadOnlyList<string> Calls { get; init; }

        /// <summary>Content of the file given to --networkdeployment, by call index.</summary>
        public IReadOnlyDictionary<int, string> NetworkJson { get; init; }

        /// <summary>Octal permissions of the file given to --networkdeployment, by call index.</summary>
        public IReadOnlyDictionary<int, string> NetworkJsonMode { get; init; }

        public string Describe() =>
            $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}\n--- calls\n{string.Join("\n", Calls)}";
    }

    /// <summary>
    /// A temporary folder with a stand-in nanoff (and dotnet) first on PATH, for running
    /// nf-flash-scripts/thermodev-flash.sh under bash or thermodev-flash.ps1 under PowerShell 7.
    /// </summary>
    internal sealed class FlashScriptSandbox : IDisposable
    {
        public const string PasswordVariable = "THERMODEV_WIFI_PASSWORD";

        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        // Records the call, refuses what nanoff 2.5.162 would refuse (see below), keeps a copy (and the
        // permissions) of a --networkdeployment file and exits with the code at this call's index in
        // FAKE_EXIT_CODES (0 when absent). "dotnet <app>.dll" goes to the real dotnet: the PowerShell global
        // tool starts pwsh that way.
        //
        // The option list is nanoff 2.5.162's: the [Option] attributes of Options.cs in
        // nanoframework/nanoFirmwareFlasher at tag v2.5.162 (nanoFirmwareFlasher.Tool/Options.cs), split into
        // switches (bool properties) and options with a value (string, int, enum; IList<string> ones take one
        // or more values), plus --help and --version, which CommandLineParser adds. The --platform values
        // are the SupportedPlatform enum names (nanoFirmwareFlasher.Library/SupportedPlatform.cs). nanoff
        // parses with Parser.Default: an unknown option, a missing value or a stray value is a parse error,
        // which HandleErrorsAsync turns into exit code E9000 (9000), seen as 9000 mod 256 = 40 on Linux.
        private const string FakeTool = """
            #!/usr/bin/env bash
            if [[ $(basename "$0") == dotnet && ${1:-} == *.dll ]]; then exec "$FAKE_REAL_DOTNET" "$@"; fi
            log="$FAKE_RECORD_DIR/calls.log"
            n=0
            if [[ -f $log ]]; then n=$(wc -l <"$log"); n=$((n)); fi
            { printf '%s' "$(basename "$0")"; printf ' %s' "$@"; printf '\n'; } >>"$log"
            if [[ $(basename "$0") == nanoff ]]; then
              switches=' listdfu dfu listjtag jtag installjtagdrivers nativedfu listnativedfu nativeswd listnativeswd
                nativestlink listnativestlink checkpsram nobackupconfig installxdsdrivers listjlink nanodevice update
                deploy preview masserase verify reset nofitcheck listtargets listports clearcache listdevices
                devicedetails identifyfirmware updatearchive fromarchive suppressnanoffversioncheck uf2deploy help version '
              values=' dfuid jtagid serialport baud flashmode flashfreq partitiontablesize jlinkid setvcpbr clrfile target
                platform verbosity backuppath backupfile fwversion image filedeployment networkdeployment archivepath '
              lists=' hexfile binfile address '
              platforms=' esp32 stm32 ti_simplelink efm32 nxp rpi_pico '
              # One space between names and at both ends, so that " name " finds each of them.
              switches=" $(echo $switches) " values=" $(echo $values) "
              refuse() { echo "ERROR(S): $1" >&2; exit 40; }
              expect='' taken=0
              for a in "$@"; do
                case $a in
                  -v) name=verbosity ;;
                  --?*) name=${a#--}; name=${name%%=*} ;;
                  *)
                    if [[ -n $expect ]]; then
                      if [[ $expect == platform && $platforms != *" $a "* ]]; then refuse "Value '$a' is not valid for option 'platform'."; fi
                      if [[ $lists != *" $expect "* ]]; then expect=''; fi
                      taken=1
                      continue
                    fi
                    refuse "Value '$a' is not bound to an option."
                    ;;
                esac
                if [[ -n $expect && $taken == 0 ]]; then refuse "Option '$expect' has no value."; fi
                expect='' taken=0
                if [[ $a == *=* ]]; then
                  [[ $values$lists == *" $name "* ]] || refuse "Option '$name' is unknown or takes no value."
                elif [[ $switches == *" $name "* ]]; then
                  :
                elif [[ $values$lists == *" $name "* ]]; then
                  expect=$name
                else
                  refuse "Option '$name' is unknown."
                fi
              done
              if [[ -n $expect && $taken == 0 ]]; then refuse "Option '$expect' has no value."; fi
            fi
            prev=''
            for a in "$@"; do
              if [[ $prev == --networkdeployment ]]; then
                cp -- "$a" "$FAKE_RECORD_DIR/json-$n"
                { stat -c %a -- "$a" 2>/dev/null || stat -f %Lp -- "$a"; } >"$FAKE_RECORD_DIR/mode-$n"
              fi
              prev=$a
            done
            read -r -a codes <<<"${FAKE_EXIT_CODES:-}"
            exit "${codes[$n]:-0}"

            """;

        private static readonly Dictionary<string, string> PowerShellNames = new Dictionary<string, string>
        {
            ["--port"] = "-Port",
            ["--target"] = "-Target",
            ["--masserase"] = "-MassErase",
            ["--ssid"] = "-Ssid",
            ["--image"] = "-Image",
            ["--update"] = "-Update",
            ["--dry-run"] = "-DryRun",
            ["--help"] = "-Help",
            ["--password"] = "-Password",
            ["--bogus"] = "-Bogus",
        };

        private readonly string shellPath;
        private readonly string nanoffDir;
        private readonly string dotnetDir;
        private readonly string recordDir;

        public FlashScriptSandbox(string shell)
        {
            if (OperatingSystem.IsWindows())
            {
                Assert.Inconclusive("The stand-in nanoff is a bash script: these tests run on Linux and macOS.");
            }

            Shell = shell;
            shellPath = shell switch
            {
                "bash" => ExternalTool.Require("bash"),
                "pwsh" => ExternalTool.Require("pwsh"),
                _ => throw new ArgumentException("bash or pwsh expected", nameof(shell)),
            };

            Root = Path.Combine(Path.GetTempPath(), "thermodev-flash-" + Guid.NewGuid().ToString("N"));
            nanoffDir = Directory.CreateDirectory(Path.Combine(Root, "bin-nanoff")).FullName;
            dotnetDir = Directory.CreateDirectory(Path.Combine(Root, "bin-dotnet")).FullName;
            recordDir = Directory.CreateDirectory(Path.Combine(Root, "record")).FullName;
            TempDir = Directory.CreateDirectory(Path.Combine(Root, "tmp")).FullName;
            WriteExecutable(Path.Combine(nanoffDir, "nanoff"), FakeTool);
            WriteExecutable(Path.Combine(dotnetDir, "dotnet"), FakeTool);
            ScriptPath = RepoPaths.Of("nf-flash-scripts/" + ScriptName);
        }

        public string Shell { get; }

        /// <summary>The sandbox folder, removed by <see cref="Dispose"/>.</summary>
        public string Root { get; }

        /// <summary>TMPDIR of the script: where its credentials file goes.</summary>
        public string TempDir { get; }

        public string ScriptName => Shell == "bash" ? "thermodev-flash.sh" : "thermodev-flash.ps1";

        public string ScriptPath { get; private set; }

        /// <summary>Runs a copy of the script from a repository made up inside the sandbox; returns that repository's root.</summary>
        public string UseCopiedScript()
        {
            string repo = Path.Combine(Root, "repo");
            string dir = Directory.CreateDirectory(Path.Combine(repo, "nf-flash-scripts")).FullName;
            string copy = Path.Combine(dir, ScriptName);
            File.Copy(ScriptPath, copy);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            ScriptPath = copy;
            return repo;
        }

        /// <summary>Edits the copy made by <see cref="UseCopiedScript"/>: replaces every <paramref name="oldText"/>.</summary>
        public void EditCopiedScript(string oldText, string newText)
        {
            Assert.IsTrue(ScriptPath.StartsWith(Root, StringComparison.Ordinal), "call UseCopiedScript first");
            string text = File.ReadAllText(ScriptPath);
            StringAssert.Contains(text, oldText);
            File.WriteAllText(ScriptPath, text.Replace(oldText, newText, StringComparison.Ordinal));
        }

        /// <summary>Writes a small deployment image and returns its path.</summary>
        public string CreateImage(string relativePath = "image/ThermoDev.bin")
        {
            string path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllBytes(path, new byte[] { 0x4E, 0x46, 0x4D, 0x52 });
            return path;
        }

        /// <summary>
        /// Runs the script with bash-style arguments (translated to PowerShell parameter names for pwsh).
        /// <paramref name="password"/> goes into THERMODEV_WIFI_PASSWORD (unset when null);
        /// <paramref name="exitCodes"/> are the stand-in's exit codes by call index, space separated.
        /// </summary>
        public ScriptRun Run(string[] args, string password = null, string exitCodes = null, bool withoutNanoff = false)
        {
            foreach (string name in Directory.GetFiles(recordDir))
            {
                File.Delete(name);
            }

            var arguments = new List<string>();
            if (Shell == "pwsh")
            {
                arguments.AddRange(new[] { "-NoProfile", "-NonInteractive", "-File" });
            }

            arguments.Add(ScriptPath);
            foreach (string arg in args)
            {
                arguments.Add(Shell == "pwsh" && PowerShellNames.TryGetValue(arg, out string name) ? name : arg);
            }

            (int exitCode, string stdout, string stderr) = Execute(shellPath, arguments, start => Configure(start, password, exitCodes, withoutNanoff));
            string log = Path.Combine(recordDir, "calls.log");
            return new ScriptRun
            {
                ExitCode = exitCode,
                StdOut = stdout,
                StdErr = stderr,
                Calls = File.Exists(log) ? File.ReadAllLines(log) : Array.Empty<string>(),
                NetworkJson = Captured("json-"),
                NetworkJsonMode = Captured("mode-"),
            };
        }

        // The script's environment: the stand-ins first on PATH, its own TMPDIR, the password if any.
        private void Configure(ProcessStartInfo start, string password, string exitCodes, bool withoutNanoff)
        {
            start.WorkingDirectory = Root;
            start.Environment["PATH"] = SearchPath(withoutNanoff);
            start.Environment["TMPDIR"] = TempDir;
            start.Environment["FAKE_RECORD_DIR"] = recordDir;
            start.Environment["FAKE_EXIT_CODES"] = exitCodes ?? string.Empty;
            start.Environment["FAKE_REAL_DOTNET"] = RealDotnet;
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            start.Environment["NO_COLOR"] = "1";
            start.Environment.Remove(PasswordVariable);
            if (password != null)
            {
                start.Environment[PasswordVariable] = password;
            }

            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
            {
                start.Environment["DOTNET_ROOT"] = DotnetRoot;
            }
        }

        /// <summary>Fails when the script left a credentials file in its TMPDIR.</summary>
        public void AssertNoCredentialFileLeft()
        {
            string[] left = Directory.GetFileSystemEntries(TempDir, "thermodev-wifi*");
            Assert.AreEqual(0, left.Length, "left behind: " + string.Join(", ", left));
        }

        /// <summary>Runs a program with the test timeout; kills it (and its children) and fails the test, with the tail of its output, when it overruns.</summary>
        public static (int ExitCode, string StdOut, string StdErr) Execute(string program, IEnumerable<string> arguments, Action<ProcessStartInfo> configure = null)
        {
            try
            {
                ChildProcess.Result run = ChildProcess.Run(program, arguments, Timeout, configure);
                return (run.ExitCode, run.Stdout, run.Stderr);
            }
            catch (TimeoutException e)
            {
                Assert.Fail(e.Message);
                throw;
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the system temp directory.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }

        private static string RealDotnet =>
            ExternalTool.Find("dotnet") ?? Path.Combine(DotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");

        private static string DotnetRoot =>
            Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

        private static void WriteExecutable(string path, string text)
        {
            File.WriteAllText(path, text.Replace("\r\n", "\n"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        private string SearchPath(bool withoutNanoff)
        {
            IEnumerable<string> system = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            if (withoutNanoff)
            {
                system = system.Where(dir => !File.Exists(Path.Combine(dir, "nanoff")));
            }

            var dirs = new List<string>();
            if (!withoutNanoff)
            {
                dirs.Add(nanoffDir);
            }

            dirs.Add(dotnetDir);
            dirs.AddRange(system);
            return string.Join(Path.PathSeparator, dirs);
        }

        private IReadOnlyDictionary<int, string> Captured(string prefix) =>
            Directory.GetFiles(recordDir, prefix + "*").ToDictionary(
                path => int.Parse(Path.GetFileName(path).Substring(prefix.Length), System.Globalization.CultureInfo.InvariantCulture),
                path => File.ReadAllText(path).Trim('\n'));
    }
}
