using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Coap.Micro.Oscore;
using Microsoft.Extensions.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Cli;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>--device-oscore name=folder and appsettings' Gateway:DeviceOscore: read, checked against the devices, and refused with one clear line.</summary>
    [TestClass]
    public sealed class OscoreCommandLineTests
    {
        /// <summary>The command line's context is read from the folder, for its device.</summary>
        [TestMethod]
        public void TheCommandLineNamesTheDevicesFolder()
        {
            using OscoreFolders folders = OscoreFolders.With(new byte[16], null!);
            GatewaySettings settings = Read(
                new[] { "--device", "kitchen=coap://[::1]:5690", "--device", "cellar=coap://[::1]:5691", "--device-oscore", "kitchen=" + folders.Client },
                new Dictionary<string, string?>());
            Assert.AreEqual(1, settings.Oscore.Count);
            OscoreContextFolder kitchen = settings.Oscore["kitchen"];
            Assert.AreEqual(Path.GetFullPath(folders.Client), kitchen.Folder);
            CollectionAssert.AreEqual(new byte[] { 0x02 }, kitchen.SenderId);
        }

        /// <summary>The file's entries are taken when the command line gives none; one for a device that is not configured is refused.</summary>
        [TestMethod]
        public void TheFileNamesTheDevicesFolder()
        {
            using OscoreFolders folders = OscoreFolders.With(new byte[16], null!);
            GatewaySettings settings = Read(Array.Empty<string>(), new Dictionary<string, string?>
            {
                ["Gateway:Devices:0"] = "kitchen=coap://[::1]:5690",
                ["Gateway:DeviceOscore:0"] = "kitchen=" + folders.Client,
            });
            Assert.IsTrue(settings.Oscore.ContainsKey("kitchen"));

            var error = Assert.ThrowsExactly<FormatException>(() => Read(Array.Empty<string>(), new Dictionary<string, string?>
            {
                ["Gateway:Devices:0"] = "kitchen=coap://[::1]:5690",
                ["Gateway:DeviceOscore:0"] = "cellar=" + folders.Client,
            }));
            StringAssert.Contains(error.Message, "device cellar is not configured");

            error = Assert.ThrowsExactly<FormatException>(() => Read(Array.Empty<string>(), new Dictionary<string, string?>
            {
                ["Gateway:Devices:0"] = "kitchen=coap://[::1]:5690",
                ["Gateway:DeviceOscore:0"] = "kitchen=" + Path.Combine(folders.Root, "missing"),
            }));
            StringAssert.Contains(error.Message, "Gateway:DeviceOscore: device kitchen: ");
            StringAssert.Contains(error.Message, "no such folder");
        }

        /// <summary>
        /// A folder whose settings are wrong, a context for a device not given, an entry without '=': exit code 2 and
        /// the usage, the line naming the device and, for a bad folder, the file and the field.
        /// </summary>
        [TestMethod]
        public void BadContextsExit2()
        {
            using OscoreFolders folders = OscoreFolders.With(new byte[16], null!);
            string settings = Path.Combine(folders.Client, OscoreContextFolder.SettingsFileName);
            File.WriteAllText(settings, File.ReadAllText(settings).Replace("AES-CCM-16-64-128", "AES-CCM-16-128-128", StringComparison.Ordinal));

            Check(new[] { "--device", "kitchen=coap://[::1]:5999", "--device-oscore", "kitchen=" + folders.Client },
                "--device-oscore: device kitchen: " + settings + ": field 'algorithm': only \"AES-CCM-16-64-128\" is supported");
            Check(new[] { "--device", "kitchen=coap://[::1]:5999", "--device-oscore", "cellar=" + folders.Device },
                "--device-oscore: device cellar is not configured");
            Check(new[] { "--device", "kitchen=coap://[::1]:5999", "--device-oscore", folders.Device },
                "is not name=folder");
        }

        private static void Check(string[] arguments, string expected)
        {
            using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, arguments);
            Assert.IsTrue(gateway.WaitForExit(TimeSpan.FromSeconds(30)), "it ends by itself");
            Assert.AreEqual(2, gateway.ExitCode, gateway.ToString());
            StringAssert.Contains(gateway.ErrorText, expected);
            StringAssert.Contains(gateway.ErrorText, "Usage:");
        }

        private static GatewaySettings Read(string[] args, Dictionary<string, string?> file)
        {
            var commandLine = new GatewayCommandLine();
            ParseResult parsed = commandLine.Root.Parse(args);
            Assert.AreEqual(0, parsed.Errors.Count, string.Join("; ", parsed.Errors));
            return commandLine.Read(parsed, new ConfigurationBuilder().AddInMemoryCollection(file).Build());
        }
    }
}
