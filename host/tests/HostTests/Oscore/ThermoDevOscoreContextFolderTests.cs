using System;
using System.IO;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// The OSCORE context folder (settings.json in aiocoap's layout, the sequence number beside it): what it reads, what
    /// it refuses with one line naming the file and the field, and the fresh pairs it writes.
    /// </summary>
    [TestClass]
    public class ThermoDevOscoreContextFolderTests
    {
        // RFC 8613 Appendix C.1.1: the client's side of test vector 1.
        private const string VectorSettings = "{ \"sender-id_hex\": \"\", \"recipient-id_hex\": \"01\", "
            + "\"secret_hex\": \"0102030405060708090a0b0c0d0e0f10\", \"salt_hex\": \"9e7ca92223786340\" }";

        private string _folder;

        [TestInitialize]
        public void MakeFolder()
        {
            _folder = Path.Combine(Path.GetTempPath(), "thermodev-oscore-folder-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
        }

        [TestCleanup]
        public void RemoveFolder()
        {
            Directory.Delete(_folder, recursive: true);
        }

        [TestMethod]
        public void TheRfcTestVectorDerivesItsKeys()
        {
            Write(VectorSettings);
            OscoreSecurityContext context = OscoreContextFolder.Load(_folder).CreateSecurityContext();

            // RFC 8613 Appendix C.1.1: Sender Key, Recipient Key, Common IV.
            Assert.AreEqual("f0910ed7295e6ad4b54fc793154302ff", OscoreContextFolder.Hex(context.SenderKey));
            Assert.AreEqual("ffb14e093c94c9cac9471648b4f98710", OscoreContextFolder.Hex(context.RecipientKey));
            Assert.AreEqual("4622d4dd6d944168eefb54987c", OscoreContextFolder.Hex(context.CommonIv));
        }

        [TestMethod]
        public void AsciiFieldsAndASecretFileAreRead()
        {
            Write("{ \"sender-id_ascii\": \"s\", \"recipient-id_hex\": \"01\", \"algorithm\": \"AES-CCM-16-64-128\", \"kdf-hashfun\": \"sha256\", \"window\": 32 }");
            File.WriteAllText(Path.Combine(_folder, OscoreContextFolder.SecretFileName), "{ \"secret_ascii\": \"hello\", \"id-context_hex\": \"AB\" }");
            OscoreContextFolder folder = OscoreContextFolder.Load(_folder);
            CollectionAssert.AreEqual(new[] { (byte)'s' }, folder.SenderId);
            CollectionAssert.AreEqual(new[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, folder.MasterSecret);
            CollectionAssert.AreEqual(new byte[] { 0xAB }, folder.IdContext);
            Assert.IsNull(folder.MasterSalt, "no salt given: the default, empty one");
        }

        [TestMethod]
        [DataRow("{ \"sender-id_hex\": \"01\", \"recipient-id_hex\": \"02\", \"secret_hex\": \"00\", \"algorithm\": \"AES-CCM-16-128-128\" }", "field 'algorithm': only \"AES-CCM-16-64-128\"")]
        [DataRow("{ \"sender-id_hex\": \"01\", \"recipient-id_hex\": \"02\", \"secret_hex\": \"00\", \"kdf\": \"HKDF-SHA512\" }", "field 'kdf': only \"HKDF-SHA256\"")]
        [DataRow("{ \"sender-id_hex\": \"01\", \"secret_hex\": \"00\" }", "field 'recipient-id_hex' is missing")]
        [DataRow("{ \"sender-id_hex\": \"01\", \"recipient-id_hex\": \"02\", \"secret_hex\": \"0\" }", "field 'secret_hex': not an even number of hex digits")]
        [DataRow("{ \"sender-id_hex\": \"01\", \"recipient-id_hex\": \"01\", \"secret_hex\": \"00\" }", "field 'recipient-id_hex': equals the Sender ID")]
        [DataRow("{ \"sender-id_hex\": \"0102030405060708\", \"recipient-id_hex\": \"02\", \"secret_hex\": \"00\" }", "field 'sender-id_hex': 8 bytes")]
        [DataRow("{ \"sender-id_hex\": \"01\", \"sender-id_ascii\": \"a\", \"recipient-id_hex\": \"02\", \"secret_hex\": \"00\" }", "field 'sender-id_ascii': sender-id is given twice")]
        [DataRow("{ \"sender-id_hex\": \"01\", \"recipient-id_hex\": \"02\", \"secret_hex\": \"00\", \"secrte_hex\": \"00\" }", "field 'secrte_hex': not a known setting")]
        [DataRow("{ \"sender-id_hex\": 1, \"recipient-id_hex\": \"02\", \"secret_hex\": \"00\" }", "field 'sender-id_hex': must be a string")]
        [DataRow("{ \"sender-id_hex\": \"01\", \"recipient-id_hex\": \"02\", \"secret_hex\": \"\" }", "field 'secret_hex': the Master Secret is empty")]
        [DataRow("[]", "must hold a JSON object")]
        [DataRow("{ \"sender-id_hex\": ", "not JSON")]
        public void ABadSettingsFileIsRefusedInOneLineNamingTheFileAndTheField(string settings, string expected)
        {
            Write(settings);
            var e = Assert.ThrowsExactly<OscoreContextFolderException>(() => OscoreContextFolder.Load(_folder));
            StringAssert.StartsWith(e.Message, Path.Combine(_folder, OscoreContextFolder.SettingsFileName) + ": ");
            StringAssert.Contains(e.Message, expected);
            Assert.IsFalse(e.Message.Contains('\n', StringComparison.Ordinal), "one line");
        }

        [TestMethod]
        public void AMissingSettingsFileAndABadSequenceFileAreRefused()
        {
            var e = Assert.ThrowsExactly<OscoreContextFolderException>(() => OscoreContextFolder.Load(_folder));
            StringAssert.Contains(e.Message, OscoreContextFolder.SettingsFileName);

            Write(VectorSettings);
            File.WriteAllBytes(Path.Combine(_folder, OscoreContextFolder.SequenceFileName), new byte[3]);
            e = Assert.ThrowsExactly<OscoreContextFolderException>(() => OscoreContextFolder.Load(_folder));
            StringAssert.StartsWith(e.Message, Path.Combine(_folder, OscoreContextFolder.SequenceFileName) + ": ");
        }

        [TestMethod]
        public void AFreshPairSharesItsSecretsWithTheIdsSwappedAndDerivesMatchingKeys()
        {
            string device = Path.Combine(_folder, "device");
            string client = Path.Combine(_folder, "client");
            OscoreContextFolder.WriteFreshPair(device, client, new byte[] { 0x01 }, new byte[] { 0x02 });

            OscoreContextFolder d = OscoreContextFolder.Load(device);
            OscoreContextFolder c = OscoreContextFolder.Load(client);
            Assert.AreEqual(OscoreContextFolder.FreshSecretSize, d.MasterSecret.Length);
            Assert.AreEqual(OscoreContextFolder.FreshSaltSize, d.MasterSalt.Length);
            CollectionAssert.AreEqual(d.MasterSecret, c.MasterSecret);
            CollectionAssert.AreEqual(d.MasterSalt, c.MasterSalt);
            CollectionAssert.AreEqual(d.SenderId, c.RecipientId);
            CollectionAssert.AreEqual(d.RecipientId, c.SenderId);
            CollectionAssert.AreEqual(d.CreateSecurityContext().SenderKey, c.CreateSecurityContext().RecipientKey);

            // A second pair is random, and a folder in use is never overwritten.
            string other = Path.Combine(_folder, "other");
            OscoreContextFolder.WriteFreshPair(Path.Combine(other, "device"), Path.Combine(other, "client"), new byte[] { 0x01 }, new byte[] { 0x02 });
            CollectionAssert.AreNotEqual(d.MasterSecret, OscoreContextFolder.Load(Path.Combine(other, "device")).MasterSecret);
            string before = File.ReadAllText(Path.Combine(device, OscoreContextFolder.SettingsFileName));
            Assert.ThrowsExactly<OscoreContextFolderException>(() => OscoreContextFolder.WriteFreshPair(device, Path.Combine(_folder, "new"), new byte[] { 0x01 }, new byte[] { 0x02 }));
            Assert.AreEqual(before, File.ReadAllText(Path.Combine(device, OscoreContextFolder.SettingsFileName)));
            Assert.IsFalse(Directory.Exists(Path.Combine(_folder, "new")), "nothing is written when one folder is in use");
        }

        [TestMethod]
        public void TheSequenceNumberIsKeptBesideTheSettings()
        {
            Write(VectorSettings);
            OscoreContextFolder folder = OscoreContextFolder.Load(_folder);
            var sequence = new OscoreSenderSequence(folder.CreateSequenceStore(), 16);
            Assert.AreEqual(0L, sequence.Next());
            Assert.AreEqual(16L, new FileSequenceNumberStore(Path.Combine(_folder, OscoreContextFolder.SequenceFileName)).Load());
            Assert.AreEqual(16L, new OscoreSenderSequence(OscoreContextFolder.Load(_folder).CreateSequenceStore(), 16).Next());
        }

        private void Write(string settings) => File.WriteAllText(Path.Combine(_folder, OscoreContextFolder.SettingsFileName), settings);
    }
}
