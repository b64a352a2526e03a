using Coap.Micro.Oscore;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>A sequence number store in memory that counts its calls and can be made to fail, for the tests.</summary>
    internal sealed class MemorySequenceNumberStore : ISequenceNumberStore
    {
        internal long Value;
        internal int Loads;
        internal int Stores;
        internal bool Fail;

        public long Load()
        {
            Loads++;
            return Value;
        }

        public void Store(long value)
        {
            if (Fail)
            {
                throw new System.IO.IOException("store failed");
            }

            Stores++;
            Value = value;
        }
    }
}
