using System;
using System.IO;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>The file-backed sequence number store (RFC 8613 Appendix B.1.1) on a temporary folder, across simulated restarts.</summary>
    [TestClass]
    public class FileSequenceNumberStoreTests
    {
        private string folder;

        [TestInitialize]
        public void MakeFolder()
        {
            folder = Path.Combine(Path.GetTempPath(), "oscore-seq-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
        }

        [TestCleanup]
        public void RemoveFolder()
        {
            Directory.Delete(folder, recursive: true);
        }

        [TestMethod]
        public void AMissingFileReadsAsZero()
        {
            Assert.AreEqual(0L, new FileSequenceNumberStore(Path.Combine(folder, "sender-seq")).Load());
        }

        [TestMethod]
        public void AStoredValueIsReadBackByANewStoreAndNoTemporaryFileIsLeft()
        {
            string path = Path.Combine(folder, "sender-seq");
            new FileSequenceNumberStore(path).Store(0x12_3456_789AL);
            new FileSequenceNumberStore(path).Store(OscoreSecurityContext.MaxPartialIv + 1);
            Assert.AreEqual(OscoreSecurityContext.MaxPartialIv + 1, new FileSequenceNumberStore(path).Load());
            CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(folder));
            Assert.AreEqual(8L, new FileInfo(path).Length);
        }

        [TestMethod]
        public void ATemporaryFileLeftByACrashBeforeTheRenameChangesNothing()
        {
            string path = Path.Combine(folder, "sender-seq");
            var store = new FileSequenceNumberStore(path);
            store.Store(128);
            File.WriteAllBytes(path + ".tmp", new byte[] { 1, 2, 3 });
            Assert.AreEqual(128L, new FileSequenceNumberStore(path).Load());
            store.Store(192);
            Assert.AreEqual(192L, new FileSequenceNumberStore(path).Load());
        }

        [TestMethod]
        public void AFileOfTheWrongLengthIsRefused()
        {
            string path = Path.Combine(folder, "sender-seq");
            File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
            Assert.ThrowsExactly<InvalidDataException>(() => new FileSequenceNumberStore(path).Load());
        }

        [TestMethod]
        public void ASenderSequenceRestartedOnTheFileNeverRepeatsANumber()
        {
            string path = Path.Combine(folder, "sender-seq");
            long highest = -1;
            for (int boot = 0; boot < 6; boot++)
            {
                var sequence = new OscoreSenderSequence(new FileSequenceNumberStore(path), 8);
                for (int n = 0; n < 3 * boot + 5; n++)
                {
                    long number = sequence.Next();
                    Assert.IsTrue(number > highest, $"boot {boot}: {number} after {highest}");
                    highest = number;
                }

                long after = new FileSequenceNumberStore(path).Load();
                Assert.IsTrue(after > highest, $"boot {boot}: the file holds {after}, at or below {highest}");
            }

            // Each boot starts a block at the stored value and loses the rest of its last block: at most 8 per boot.
            Assert.IsTrue(new FileSequenceNumberStore(path).Load() <= highest + 1 + 8L * 6);
        }
    }
}
