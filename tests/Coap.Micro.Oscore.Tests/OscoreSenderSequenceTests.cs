using System;
using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>
    /// Sender Sequence Numbers that never repeat across a reboot (RFC 8613 Appendix B.1.1): a block is stored before its
    /// first number is used, so a crash loses at most a block and never reuses a number; 2^40-1 is the last (§7.2.1).
    /// </summary>
    [TestClass]
    public class OscoreSenderSequenceTests
    {
        [TestMethod]
        public void AFreshStoreHandsOutZeroOneTwoAndStoresTheFirstBlockBeforeZero()
        {
            MemorySequenceNumberStore store = new MemorySequenceNumberStore();
            OscoreSenderSequence sequence = new OscoreSenderSequence(store, 64);
            Assert.AreEqual(1, store.Loads);
            Assert.AreEqual(0, store.Stores);
            Assert.AreEqual(0L, sequence.Next());
            Assert.AreEqual(1, store.Stores);
            Assert.AreEqual(64L, store.Value);
            Assert.AreEqual(1L, sequence.Next());
            Assert.AreEqual(2L, sequence.Next());
            Assert.AreEqual(1, store.Stores);
        }

        [TestMethod]
        public void ItStoresOncePerBlockBeforeTheBlocksFirstNumber()
        {
            MemorySequenceNumberStore store = new MemorySequenceNumberStore();
            OscoreSenderSequence sequence = new OscoreSenderSequence(store, 16);
            for (long i = 0; i < 16 * 10; i++)
            {
                Assert.AreEqual(i, sequence.Next());

                // The number just handed out is always below what is stored.
                Assert.IsTrue(i < store.Value, i.ToString());
                Assert.AreEqual((int)(i / 16) + 1, store.Stores, i.ToString());
            }

            Assert.AreEqual(160L, store.Value);
        }

        [TestMethod]
        public void ARestartStartsAtTheStoredValue()
        {
            MemorySequenceNumberStore store = new MemorySequenceNumberStore();
            OscoreSenderSequence sequence = new OscoreSenderSequence(store, 64);
            sequence.Next();
            sequence.Next();
            sequence = new OscoreSenderSequence(store, 64);
            Assert.AreEqual(64L, sequence.Next());
            Assert.AreEqual(128L, store.Value);
        }

        [TestMethod]
        public void NoNumberIsHandedOutTwiceAcrossRestartsAtAnyPoint()
        {
            // Crash after every possible count of numbers used in a boot, five boots in a row, for several block sizes.
            int[] blocks = new int[] { 1, 2, 7, 64 };
            for (int b = 0; b < blocks.Length; b++)
            {
                int block = blocks[b];
                for (int crashAfter = 0; crashAfter <= 2 * block + 1; crashAfter++)
                {
                    MemorySequenceNumberStore store = new MemorySequenceNumberStore();
                    long highestUsed = -1;
                    int used = 0;
                    for (int boot = 0; boot < 5; boot++)
                    {
                        OscoreSenderSequence sequence = new OscoreSenderSequence(store, block);
                        for (int n = 0; n < crashAfter + boot; n++)
                        {
                            long number = sequence.Next();

                            // Strictly increasing across boots means never twice.
                            Assert.IsTrue(number > highestUsed, "block " + block.ToString() + " crash " + crashAfter.ToString());
                            highestUsed = number;
                            used++;
                        }
                    }

                    // At most one block lost per boot.
                    Assert.IsTrue(highestUsed + 1 - used <= 5L * block, "lost too many: block " + block.ToString());
                }
            }
        }

        [TestMethod]
        public void AFailingStoreHandsOutNothingOfTheNewBlock()
        {
            MemorySequenceNumberStore store = new MemorySequenceNumberStore();
            OscoreSenderSequence sequence = new OscoreSenderSequence(store, 4);
            for (int i = 0; i < 4; i++)
            {
                sequence.Next();
            }

            store.Fail = true;
            Assert.ThrowsException(typeof(System.IO.IOException), () => sequence.Next());
            store.Fail = false;
            Assert.AreEqual(4L, sequence.Next());
            Assert.AreEqual(8L, store.Value);
        }

        [TestMethod]
        public void TheLastNumberIsTwoToTheFortyMinusOneThenTheContextMustBeRenewed()
        {
            MemorySequenceNumberStore store = new MemorySequenceNumberStore();
            store.Value = OscoreSecurityContext.MaxPartialIv - 2;
            OscoreSenderSequence sequence = new OscoreSenderSequence(store, 64);
            Assert.IsFalse(sequence.Exhausted);
            Assert.AreEqual(OscoreSecurityContext.MaxPartialIv - 2, sequence.Next());

            // The block is cut at the limit: the stored value never passes 2^40.
            Assert.AreEqual(OscoreSecurityContext.MaxPartialIv + 1, store.Value);
            Assert.AreEqual(OscoreSecurityContext.MaxPartialIv - 1, sequence.Next());
            Assert.AreEqual(OscoreSecurityContext.MaxPartialIv, sequence.Next());
            Assert.IsTrue(sequence.Exhausted);
            Assert.ThrowsException(typeof(InvalidOperationException), () => sequence.Next());
            Assert.IsTrue(sequence.Exhausted);

            // After a restart it stays used up: §7.2.1 asks for a new Security Context.
            sequence = new OscoreSenderSequence(store, 64);
            Assert.IsTrue(sequence.Exhausted);
            Assert.ThrowsException(typeof(InvalidOperationException), () => sequence.Next());
        }

        [TestMethod]
        public void AStoredValueOutsideTheRangeOrABlockBelowOneIsRefused()
        {
            MemorySequenceNumberStore store = new MemorySequenceNumberStore();
            store.Value = -1;
            Assert.ThrowsException(typeof(ArgumentException), () => new OscoreSenderSequence(store, 64));
            store.Value = OscoreSecurityContext.MaxPartialIv + 2;
            Assert.ThrowsException(typeof(ArgumentException), () => new OscoreSenderSequence(store, 64));
            store.Value = 0;
            Assert.ThrowsException(typeof(ArgumentException), () => new OscoreSenderSequence(store, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new OscoreSenderSequence(null, 64));
        }
    }
}
