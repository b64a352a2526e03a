using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>
    /// The SSID (32) and password (64) limits are bytes of UTF-8, not characters: "é" is 2 bytes, "€" 3.
    /// Too long: exit 2 with the usage and no nanoff call; exactly at the limit: stored as given.
    /// </summary>
    [TestClass]
    public sealed class FlashScriptByteLengthTests
    {
        private const string Port = "/dev/ttyUSB0";

        [TestMethod]
        [DataRow("bash", "é", 17, "x")]
        [DataRow("bash", "€", 11, "x")]
        [DataRow("bash", "s", 1, "é33")]
        [DataRow("pwsh", "é", 17, "x")]
        [DataRow("pwsh", "€", 11, "x")]
        [DataRow("pwsh", "s", 1, "é33")]
        public void ACredentialOverItsLimitInBytesIsRefused(string shell, string ssidChar, int ssidCount, string password)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string ssid = Repeat(ssidChar, ssidCount);
            ScriptRun run = sandbox.Run(new[] { "wifi", "--port", Port, "--ssid", ssid }, Expand(password));

            Assert.AreEqual(2, run.ExitCode, run.Describe());
            Assert.IsEmpty(run.Calls, run.Describe());
            StringAssert.Contains(run.StdErr, "bytes in UTF-8", run.Describe());
            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void CredentialsAtTheirLimitInBytesAreStored(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string ssid = Repeat("é", 16);
            string password = Repeat("€", 21) + "p";
            ScriptRun run = sandbox.Run(new[] { "wifi", "--port", Port, "--ssid", ssid }, password);

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            WifiJson.AssertCredentials(run.NetworkJson[0], Port, ssid, password);
            sandbox.AssertNoCredentialFileLeft();
        }

        // "é33" is 33 times "é" (66 bytes); anything else is taken as it is.
        private static string Expand(string text) =>
            text.Length > 1 && char.IsDigit(text[1]) ? Repeat(text.Substring(0, 1), int.Parse(text.Substring(1), System.Globalization.CultureInfo.InvariantCulture)) : text;

        private static string Repeat(string text, int count) => new System.Text.StringBuilder().Insert(0, text, count).ToString();
    }
}
