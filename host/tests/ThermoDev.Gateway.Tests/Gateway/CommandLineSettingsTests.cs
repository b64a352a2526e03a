using System;
using System.Collections.Generic;
using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Cli;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>Settings from the command line and appsettings.json's "Gateway" section: defaults, the file, the command line winning.</summary>
    [TestClass]
    public sealed class CommandLineSettingsTests
    {
        /// <summary>Nothing given: localhost:8080, writable, 5 s, no demo.</summary>
        [TestMethod]
        public void Defaults()
        {
            GatewaySettings settings = Read(Array.Empty<string>(), new Dictionary<string, string?>());
            Assert.AreEqual("http://localhost:8080", settings.Urls);
            Assert.IsFalse(settings.ReadOnly);
            Assert.AreEqual(TimeSpan.FromSeconds(5), settings.CoapTimeout);
            Assert.IsNull(settings.DemoCount);
            Assert.AreEqual(5683, settings.DemoPort);
            Assert.AreEqual(0, settings.Devices.Count);
        }

        /// <summary>The file's values are used when the command line does not give them; ASPNETCORE_URLS (as "urls") when neither does.</summary>
        [TestMethod]
        public void FromTheFile()
        {
            GatewaySettings settings = Read(Array.Empty<string>(), new Dictionary<string, string?>
            {
                ["Gateway:Devices:0"] = "kitchen=coap://[::1]:5690",
                ["Gateway:Devices:1"] = "cellar=coap://127.0.0.1",
                ["Gateway:ReadOnly"] = "true",
                ["Gateway:Demo"] = "2",
                ["Gateway:DemoPort"] = "0",
                ["Gateway:CoapTimeout"] = "1.5",
                ["urls"] = "http://127.0.0.1:9000",
            });
            CollectionAssert.AreEqual(new[] { "kitchen=coap://[::1]:5690/temp", "cellar=coap://127.0.0.1:5683/temp" }, ToStrings(settings));
            Assert.IsTrue(settings.ReadOnly);
            Assert.AreEqual(2, settings.DemoCount);
            Assert.AreEqual(0, settings.DemoPort);
            Assert.AreEqual(TimeSpan.FromSeconds(1.5), settings.CoapTimeout);
            Assert.AreEqual("http://127.0.0.1:9000", settings.Urls);
        }

        /// <summary>The command line wins over the file; --demo without a count is 3.</summary>
        [TestMethod]
        public void TheCommandLineWins()
        {
            GatewaySettings settings = Read(
                new[] { "--device", "attic=coap://[::1]:6000", "--urls", "http://127.0.0.1:0", "--coap-timeout", "0.5", "--demo" },
                new Dictionary<string, string?> { ["Gateway:Devices:0"] = "kitchen=coap://[::1]", ["Gateway:Urls"] = "http://0.0.0.0:80", ["Gateway:Demo"] = "5" });
            CollectionAssert.AreEqual(new[] { "attic=coap://[::1]:6000/temp" }, ToStrings(settings));
            Assert.AreEqual("http://127.0.0.1:0", settings.Urls);
            Assert.AreEqual(TimeSpan.FromSeconds(0.5), settings.CoapTimeout);
            Assert.AreEqual(3, settings.DemoCount);
        }

        /// <summary>How often /status is read: the default, the file's StatusInterval, and --status-interval over it.</summary>
        [TestMethod]
        public void TheStatusIntervalComesFromTheFileOrTheCommandLine()
        {
            Assert.AreEqual(GatewaySettings.DefaultStatusInterval, Read(Array.Empty<string>(), new Dictionary<string, string?>()).StatusInterval);
            var file = new Dictionary<string, string?> { ["Gateway:StatusInterval"] = "12.5" };
            Assert.AreEqual(TimeSpan.FromSeconds(12.5), Read(Array.Empty<string>(), file).StatusInterval);
            Assert.AreEqual(TimeSpan.FromSeconds(2), Read(new[] { "--status-interval", "2" }, file).StatusInterval);
        }

        /// <summary>A bad value in the file is a FormatException naming the entry.</summary>
        [TestMethod]
        [DataRow("Gateway:Devices:0", "kitchen")]
        [DataRow("Gateway:ReadOnly", "maybe")]
        [DataRow("Gateway:Demo", "40")]
        [DataRow("Gateway:CoapTimeout", "0")]
        [DataRow("Gateway:StatusInterval", "soon")]
        public void BadFileValues(string key, string value)
        {
            var error = Assert.ThrowsExactly<FormatException>(() => Read(Array.Empty<string>(), new Dictionary<string, string?> { [key] = value }));
            StringAssert.Contains(error.Message, key.Split(':')[1]);
        }

        private static GatewaySettings Read(string[] args, Dictionary<string, string?> file)
        {
            var commandLine = new GatewayCommandLine();
            ParseResult parsed = commandLine.Root.Parse(args);
            Assert.AreEqual(0, parsed.Errors.Count, string.Join("; ", parsed.Errors));
            return commandLine.Read(parsed, new ConfigurationBuilder().AddInMemoryCollection(file).Build());
        }

        private static string[] ToStrings(GatewaySettings settings) => Array.ConvertAll(System.Linq.Enumerable.ToArray(settings.Devices), d => d.ToString());
    }
}
