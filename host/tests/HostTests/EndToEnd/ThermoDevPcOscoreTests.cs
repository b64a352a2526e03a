using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using Coap.Micro;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// The PC build with --oscore (RFC 8613), as a process on loopback, talked to with <see cref="OscoreProtector"/> over
    /// UDP: the Echo challenge after a start (Appendix B.1.2, RFC 9175), protected writes and reads, and, across kills
    /// and restarts with the same context folder, a server that never uses a Partial IV twice (Appendix B.1.1).
    /// </summary>
    [TestClass]
    public class ThermoDevPcOscoreTests
    {
        private const int SigKill = 9;
        private const int NotificationsPerRun = 5;

        private string _folder;

        [TestInitialize]
        public void MakeFolder()
        {
            _folder = Path.Combine(Path.GetTempPath(), "thermodev-oscore-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
        }

        [TestCleanup]
        public void RemoveFolder()
        {
            Directory.Delete(_folder, recursive: true);
        }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void AServerKilledAndRestartedWithTheSameFolderNeverReusesAPartialIv()
        {
            (string device, OscoreSecurityContext client) = NewPair();

            // Every number the server took from its Sender Sequence (RFC 8613 §7.2.1): Echo values, the Partial IVs
            // of the Observe response and of each notification, per run.
            var runs = new List<List<long>>();
            long clientSequence = 0;
            for (int run = 0; run < 3; run++)
            {
                var used = new List<long>();
                using (ThermoDevPc pc = StartWithOscore(device, "--drift", "1", "--interval", "100", "--quiet"))
                using (var oscore = new ThermoDevOscoreClient(client, pc.Address, pc.Port, clientSequence))
                {
                    byte[] echo = Challenge(oscore, used);

                    // The repetition with the Echo value inside registers the observation: 2.05 with a Partial IV of its own.
                    oscore.Send(CoapCode.Get, "temp", observe: 0, echo: echo);
                    long registration = oscore.RequestPartialIv;
                    Assert.IsTrue(oscore.Receive(), "the registration's answer must verify");
                    Assert.AreEqual(CoapCode.Content, oscore.Plain.Code, oscore.PlainText);
                    Assert.IsTrue(oscore.Received.HasOption(CoapOption.Observe), "the registration is taken");
                    Assert.IsTrue(oscore.ResponsePartialIv >= 0, "a response with Observe carries a Partial IV (RFC 8613 §8.3)");
                    used.Add(oscore.ResponsePartialIv);

                    // Notifications: bound to the registration's Partial IV, each with a Partial IV of the server's own. A
                    // retransmission (the same message ID) is the same message again, not a new use of the nonce.
                    var messageIds = new HashSet<ushort>();
                    for (int received = 0; used.Count < 2 + NotificationsPerRun && received < 4 * NotificationsPerRun; received++)
                    {
                        Assert.IsTrue(oscore.Receive(registration), "notification " + received + " must verify");
                        Assert.AreEqual(CoapCode.Content, oscore.Plain.Code);
                        Assert.IsTrue(oscore.ResponsePartialIv >= 0, "notification " + received + " carries a Partial IV");
                        if (messageIds.Add(oscore.Received.MessageId))
                        {
                            used.Add(oscore.ResponsePartialIv);
                        }
                    }

                    Assert.HasCount(2 + NotificationsPerRun, used, "the Echo value, the registration's answer and the notifications");

                    clientSequence = oscore.SequenceNumber;

                    // A crash, not a stop: nothing is written on the way out.
                    ChildProcess.SendSignal(pc.Process.Id, SigKill);
                    Assert.IsTrue(pc.Process.WaitForExit(TimeSpan.FromSeconds(10)), "the killed server must end");
                }

                runs.Add(used);
            }

            Console.WriteLine("Server sequence numbers per run (Echo, Observe response, notifications): " + Describe(runs));
            var all = runs.SelectMany(r => r).ToList();
            Assert.AreEqual(all.Count, all.Distinct().Count(), "a Partial IV was used twice: " + Describe(runs));
            for (int run = 1; run < runs.Count; run++)
            {
                long before = runs.Take(run).SelectMany(r => r).Max();
                Assert.IsTrue(runs[run].Min() > before, $"after restart {run} the server used {runs[run].Min()}, not above {before}: {Describe(runs)}");
            }
        }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void AContextFromOscoreNewServesProtectedWritesAndRefusesUnprotectedOnes()
        {
            ChildProcess.Result written = ThermoDevPc.Run("--oscore-new", _folder);
            Assert.AreEqual(0, written.ExitCode, written.AllOutput);
            string device = Path.Combine(_folder, "device");
            string clientFolder = Path.Combine(_folder, "client");
            StringAssert.Contains(written.Stdout, "--oscore " + device);
            StringAssert.Contains(written.Stdout, "\"contextfile\": \"" + clientFolder + Path.DirectorySeparatorChar + "\"");
            StringAssert.Contains(File.ReadAllText(Path.Combine(_folder, "aiocoap-client-credentials.json")), clientFolder);

            OscoreContextFolder deviceContext = OscoreContextFolder.Load(device);
            Assert.IsFalse(written.AllOutput.Contains(OscoreContextFolder.Hex(deviceContext.MasterSecret), StringComparison.OrdinalIgnoreCase), "no key is printed");

            using ThermoDevPc pc = StartWithOscore(device, "--allow-writes", "127.0.0.1");
            Assert.IsTrue(pc.Process.Output.Any(line => line.StartsWith("OSCORE: on", StringComparison.Ordinal)), pc.Process.OutputText);
            Assert.IsFalse(pc.Process.OutputText.Contains(OscoreContextFolder.Hex(deviceContext.MasterSecret), StringComparison.OrdinalIgnoreCase), "no key is printed");

            // Unprotected: 4.01 "OSCORE required"; the value stays.
            using (var plain = new RawCoapSocket(pc.Address, pc.Port))
            {
                plain.SendPut("temp", "30.5");
                Assert.AreEqual(CoapCode.Unauthorized, plain.Receive().Code);
                Assert.AreEqual("OSCORE required", plain.AnswerText);
                plain.SendGet("temp", CoapMessageType.Confirmable);
                Assert.AreEqual(CoapCode.Content, plain.Receive().Code, "reads stay open without --oscore-reads");
                Assert.AreEqual("25.0", plain.AnswerText);
            }

            using var oscore = new ThermoDevOscoreClient(OscoreContextFolder.Load(clientFolder).CreateSecurityContext(), pc.Address, pc.Port);
            byte[] echo = Challenge(oscore, new List<long>());
            oscore.Send(CoapCode.Put, "temp", echo: echo, payload: "30.5");
            Assert.IsTrue(oscore.Receive(), "the PUT's answer must verify");
            Assert.AreEqual(CoapCode.Changed, oscore.Plain.Code, oscore.PlainText);
            oscore.Send(CoapCode.Get, "temp");
            Assert.IsTrue(oscore.Receive());
            Assert.AreEqual("30.5", oscore.PlainText);
        }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void OscoreReadsRefusesAnUnprotectedGet()
        {
            (string device, OscoreSecurityContext client) = NewPair();
            using ThermoDevPc pc = StartWithOscore(device, "--oscore-reads");
            StringAssert.Contains(pc.Process.OutputText, "GET and Observe too (--oscore-reads)");
            using (var plain = new RawCoapSocket(pc.Address, pc.Port))
            {
                plain.SendGet("temp", CoapMessageType.Confirmable);
                Assert.AreEqual(CoapCode.Unauthorized, plain.Receive().Code);
                Assert.AreEqual("OSCORE required", plain.AnswerText);
            }

            using var oscore = new ThermoDevOscoreClient(client, pc.Address, pc.Port);
            byte[] echo = Challenge(oscore, new List<long>());
            oscore.Send(CoapCode.Get, "temp", echo: echo);
            Assert.IsTrue(oscore.Receive());
            Assert.AreEqual(CoapCode.Content, oscore.Plain.Code);
            Assert.AreEqual("25.0", oscore.PlainText);
        }

        [TestMethod]
        public void ABrokenSettingsFileIsAUsageErrorNamingTheFileAndTheField()
        {
            (string device, OscoreSecurityContext _) = NewPair();
            string settings = Path.Combine(device, OscoreContextFolder.SettingsFileName);
            File.WriteAllText(settings, File.ReadAllText(settings).Replace("AES-CCM-16-64-128", "AES-CCM-16-128-128", StringComparison.Ordinal));

            ChildProcess.Result result = ThermoDevPc.Run("--oscore", device, "--port", "0", "--bind", "127.0.0.1");
            Assert.AreEqual(2, result.ExitCode, result.AllOutput);
            StringAssert.Contains(result.Stderr, "--oscore: " + settings + ": field 'algorithm': only \"AES-CCM-16-64-128\" is supported");
            Assert.IsFalse(result.Stdout.Contains(ThermoDevPc.StartedPrefix, StringComparison.Ordinal), "nothing is served");

            File.WriteAllText(settings, "{ \"sender-id_hex\": \"01\", \"recipient-id_hex\": \"0g\", \"secret_hex\": \"00\" }");
            result = ThermoDevPc.Run("--oscore", device, "--port", "0", "--bind", "127.0.0.1");
            Assert.AreEqual(2, result.ExitCode, result.AllOutput);
            StringAssert.Contains(result.Stderr, settings + ": field 'recipient-id_hex': not an even number of hex digits");
        }

        [TestMethod]
        public void OscoreWithSeveralDevicesIsAUsageError()
        {
            (string device, OscoreSecurityContext _) = NewPair();
            ChildProcess.Result result = ThermoDevPc.Run("--oscore", device, "--devices", "2", "--port", "0", "--bind", "127.0.0.1");
            Assert.AreEqual(2, result.ExitCode, result.AllOutput);
            StringAssert.Contains(result.Stderr, "--oscore serves one device, not --devices 2");
        }

        // After a start the first protected request on the context gets a protected 4.01 with an Echo value, taken
        // from the server's Sender Sequence (Appendix B.1.2, RFC 9175 §2.4); that value is added to used.
        private static byte[] Challenge(ThermoDevOscoreClient oscore, List<long> used)
        {
            oscore.Send(CoapCode.Get, "temp");
            Assert.IsTrue(oscore.Receive(), "the Echo challenge must be protected and verify");
            Assert.AreEqual(CoapCode.Unauthorized, oscore.Plain.Code);
            byte[] echo = oscore.Echo();
            Assert.IsNotNull(echo, "the first request after a start is answered with an Echo option");
            used.Add(ThermoDevOscoreClient.Number(echo));
            return echo;
        }

        private (string Device, OscoreSecurityContext Client) NewPair()
        {
            string device = Path.Combine(_folder, "device");
            string client = Path.Combine(_folder, "client");
            OscoreContextFolder.WriteFreshPair(device, client, new byte[] { 0x01 }, new byte[] { 0x02 });
            return (device, OscoreContextFolder.Load(client).CreateSecurityContext());
        }

        private static ThermoDevPc StartWithOscore(string device, params string[] options) =>
            ThermoDevPc.Start("127.0.0.1", new[] { "--oscore", device }.Concat(options).ToArray());

        private static string Describe(List<List<long>> runs) =>
            string.Join(" | ", runs.Select(r => string.Join(",", r)));
    }
}
