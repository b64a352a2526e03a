using System;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Coap
{
    /// <summary>The table of recent peers a transport keeps a platform endpoint object for.</summary>
    [TestClass]
    public class EndpointCacheTests
    {
        [TestMethod]
        public void AnEndpointIsFoundInTheSlotItWasAddedTo()
        {
            EndpointCache cache = new EndpointCache(3, 6);
            Assert.AreEqual(-1, cache.Find(Peer(1)));
            int slot = cache.Add(Peer(1));
            Assert.AreEqual(slot, cache.Find(Peer(1)));
            Assert.AreEqual(-1, cache.Find(Peer(2)));
        }

        [TestMethod]
        public void EveryPeerOfAFullRoundKeepsItsSlot()
        {
            // Notifying observers in turn: as many peers as slots never push one another out.
            EndpointCache cache = new EndpointCache(4, 6);
            int[] slots = new int[4];
            for (int i = 0; i < 4; i++)
            {
                slots[i] = cache.Add(Peer((byte)i));
            }

            for (int round = 0; round < 3; round++)
            {
                for (int i = 0; i < 4; i++)
                {
                    Assert.AreEqual(slots[i], cache.Find(Peer((byte)i)));
                }
            }
        }

        [TestMethod]
        public void ANewPeerTakesTheSlotUsedLeastRecently()
        {
            EndpointCache cache = new EndpointCache(3, 6);
            int first = cache.Add(Peer(1));
            int second = cache.Add(Peer(2));
            int third = cache.Add(Peer(3));
            cache.Find(Peer(1));
            Assert.AreEqual(second, cache.Add(Peer(4)));
            Assert.AreEqual(-1, cache.Find(Peer(2)));
            Assert.AreEqual(first, cache.Find(Peer(1)));
            Assert.AreEqual(third, cache.Find(Peer(3)));
        }

        [TestMethod]
        public void AnEndpointOfAnotherLengthIsNeitherFoundNorKept()
        {
            EndpointCache cache = new EndpointCache(2, 6);
            CoapEndpoint shorter = new CoapEndpoint();
            shorter.Set(new byte[] { 1, 2, 3, 4, 5 }, 0, 5);
            Assert.AreEqual(-1, cache.Add(shorter));
            Assert.AreEqual(-1, cache.Find(shorter));
        }

        [TestMethod]
        public void SizesOutOfRangeAreRefused()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new EndpointCache(0, 6));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new EndpointCache(1, 33));
        }

        private static CoapEndpoint Peer(byte id)
        {
            CoapEndpoint endpoint = new CoapEndpoint(6);
            endpoint.Set(new byte[] { 192, 168, 1, id, 0x16, 0x33 }, 0, 6);
            return endpoint;
        }
    }
}
