using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>Checks the JSON a script gave to nanoff --networkdeployment.</summary>
    internal static class WifiJson
    {
        public static void AssertCredentials(string json, string port, string ssid, string password)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            Assert.AreEqual(port, root.GetProperty("SerialPort").GetString(), json);
            JsonElement client = root.GetProperty("WirelessClient");
            Assert.AreEqual(ssid, client.GetProperty("Ssid").GetString(), json);
            Assert.AreEqual(password, client.GetProperty("Password").GetString(), json);
        }
    }

    /// <summary>The wifi command: the credentials file, its content and lifetime, and the secrecy of the password.</summary>
    [TestClass]
    public sealed class FlashScriptWifiTests
    {
        private const string Port = "/dev/ttyUSB0";
        private const string Password = "Secret-9d41e!x";

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void WifiGivesNanoffAPrivateJsonFileAndRemovesIt(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "wifi", "--port", Port, "--ssid", "HomeNet" }, Password);

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            Assert.HasCount(1, run.Calls, run.Describe());
            string[] words = run.Calls[0].Split(' ');
            Assert.HasCount(3, words, run.Calls[0]);
            Assert.AreEqual("nanoff", words[0]);
            Assert.AreEqual("--networkdeployment", words[1]);
            Assert.AreEqual(sandbox.TempDir, Path.GetDirectoryName(words[2]), "the file goes to the temporary folder");
            Assert.IsFalse(File.Exists(words[2]), "the credentials file must be removed");
            Assert.AreEqual("600", run.NetworkJsonMode[0], "the credentials file must be readable by its owner only");
            WifiJson.AssertCredentials(run.NetworkJson[0], Port, "HomeNet", Password);
            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash", "My \"Home\" \\ Net", "p\"w\\d 'x' $HOME `id` %PATH%")]
        [DataRow("bash", "Café Wi-Fi", "tab\there,é")]
        [DataRow("pwsh", "My \"Home\" \\ Net", "p\"w\\d 'x' $HOME `id` %PATH%")]
        [DataRow("pwsh", "Café Wi-Fi", "tab\there,é")]
        public void WifiEscapesTheCredentialsInTheJson(string shell, string ssid, string password)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "wifi", "--port", "COM3", "--ssid", ssid }, password);

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            WifiJson.AssertCredentials(run.NetworkJson[0], "COM3", ssid, password);
            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash", "0")]
        [DataRow("bash", "9")]
        [DataRow("pwsh", "0")]
        [DataRow("pwsh", "9")]
        public void ThePasswordIsOnlyInTheJsonFile(string shell, string exitCode)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string image = sandbox.CreateImage();
            ScriptRun run = sandbox.Run(
                new[] { "all", "--port", Port, "--ssid", "HomeNet", "--image", image }, Password, "0 " + exitCode);

            Assert.AreEqual(int.Parse(exitCode, System.Globalization.CultureInfo.InvariantCulture), run.ExitCode, run.Describe());
            Assert.DoesNotContain(Password, run.StdOut);
            Assert.DoesNotContain(Password, run.StdErr);
            Assert.IsFalse(run.Calls.Any(call => call.Contains(Password, System.StringComparison.Ordinal)), run.Describe());
            StringAssert.Contains(run.NetworkJson[1], Password);
            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void TheFileIsRemovedWhenNanoffFails(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "wifi", "--port", Port, "--ssid", "HomeNet" }, Password, "6");

            Assert.AreEqual(6, run.ExitCode, run.Describe());
            Assert.HasCount(1, run.Calls, run.Describe());
            Assert.IsFalse(File.Exists(run.Calls[0].Split(' ')[2]), "the credentials file must be removed");
            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void ThePasswordIsNotTakenFromTheCommandLine(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "wifi", "--port", Port, "--ssid", "HomeNet", "--password", Password });

            Assert.AreEqual(2, run.ExitCode, run.Describe());
            Assert.IsEmpty(run.Calls, run.Describe());
        }

        [TestMethod]
        [DataRow("bash", 32, 64)]
        [DataRow("pwsh", 32, 64)]
        public void TheLongestSsidAndPasswordAreAccepted(string shell, int ssidLength, int passwordLength)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string ssid = new string('s', ssidLength);
            string password = new string('p', passwordLength);
            ScriptRun run = sandbox.Run(new[] { "wifi", "--port", Port, "--ssid", ssid }, password);

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            WifiJson.AssertCredentials(run.NetworkJson[0], Port, ssid, password);
        }
    }
}
