using System;
using System.IO;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// The board's sequence number store (ThermoDev/FlashSequenceNumberStore.cs, two files taking turns), run on .NET
    /// against a temporary folder: a torn or erased file is never taken, and the other still holds the value before
    /// (RFC 8613 Appendix B.1.1).
    /// </summary>
    [TestClass]
    public class ThermoDevFlashSequenceNumberStoreTests
    {
        private string _folder;
        private string _a;
        private string _b;

        [TestInitialize]
        public void MakeFolder()
        {
            _folder = Path.Combine(Path.GetTempPath(), "thermodev-flash-seq-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            _a = Path.Combine(_folder, "a.bin");
            _b = Path.Combine(_folder, "b.bin");
        }

        [TestCleanup]
        public void RemoveFolder()
        {
            Directory.Delete(_folder, recursive: true);
        }

        [TestMethod]
        public void NoFilesReadAsZero()
        {
            Assert.AreEqual(0L, new FlashSequenceNumberStore(_a, _b).Load());
        }

        [TestMethod]
        public void StoresTakeTurnsAndANewStoreReadsTheLargestValue()
        {
            var store = new FlashSequenceNumberStore(_a, _b);
            store.Load();
            store.Store(64);
            store.Store(128);
            store.Store(192);
            Assert.AreEqual(192L, new FlashSequenceNumberStore(_a, _b).Load());
            Assert.AreEqual(OscoreSecurityContext.MaxPartialIv + 1, Store(OscoreSecurityContext.MaxPartialIv + 1));

            // The two files hold the last two values, one each.
            long a = new FlashSequenceNumberStore(_a, Path.Combine(_folder, "none")).Load();
            long b = new FlashSequenceNumberStore(_b, Path.Combine(_folder, "none")).Load();
            Assert.AreEqual(192L + OscoreSecurityContext.MaxPartialIv + 1, a + b);
        }

        [TestMethod]
        public void ATornOrErasedNewestFileIsNotTakenAndTheNextStoreWritesOverIt()
        {
            var store = new FlashSequenceNumberStore(_a, _b);
            store.Load();
            store.Store(64);
            store.Store(128);
            string newest = new FlashSequenceNumberStore(_a, Path.Combine(_folder, "none")).Load() == 128 ? _a : _b;
            string older = newest == _a ? _b : _a;

            // Cut short, as a reset in the middle of a write leaves it.
            File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..5]);
            Assert.AreEqual(64L, new FlashSequenceNumberStore(_a, _b).Load());

            // Erased flash reads as 0xFF; one changed byte breaks the complement.
            File.WriteAllBytes(newest, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF });
            Assert.AreEqual(64L, new FlashSequenceNumberStore(_a, _b).Load());
            byte[] flipped = File.ReadAllBytes(older);
            flipped[0] ^= 0x01;
            File.WriteAllBytes(newest, flipped);
            Assert.AreEqual(64L, new FlashSequenceNumberStore(_a, _b).Load());

            var again = new FlashSequenceNumberStore(_a, _b);
            again.Load();
            byte[] good = File.ReadAllBytes(older);
            again.Store(192);
            CollectionAssert.AreEqual(good, File.ReadAllBytes(older), "the whole file is not written over");
            Assert.AreEqual(192L, new FlashSequenceNumberStore(_a, _b).Load());
        }

        [TestMethod]
        public void ASenderSequenceOnItNeverRepeatsANumberAcrossRestarts()
        {
            long highest = -1;
            for (int restart = 0; restart < 4; restart++)
            {
                var sequence = new OscoreSenderSequence(new FlashSequenceNumberStore(_a, _b), 8);
                for (int i = 0; i < 5 + restart; i++)
                {
                    long number = sequence.Next();
                    Assert.IsTrue(number > highest, $"restart {restart}: {number} after {highest}");
                    highest = number;
                }
            }
        }

        private long Store(long value)
        {
            var store = new FlashSequenceNumberStore(_a, _b);
            store.Load();
            store.Store(value);
            return new FlashSequenceNumberStore(_a, _b).Load();
        }
    }
}
