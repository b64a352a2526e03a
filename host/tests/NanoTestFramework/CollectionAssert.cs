using System.Collections;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>Collection assertions with the nanoFramework.TestFramework 3.0 signatures.</summary>
    public sealed class CollectionAssert
    {
        private CollectionAssert()
        {
        }

        /// <summary>Fails unless the collection has no elements.</summary>
        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0)
            {
                throw new AssertFailedException("CollectionAssert.Empty failed. " + message);
            }
        }

        /// <summary>Fails when the collection has no elements.</summary>
        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0)
            {
                throw new AssertFailedException("CollectionAssert.NotEmpty failed. " + message);
            }
        }

        /// <summary>Fails unless both have equal elements in the same order.</summary>
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            if (!SameElements(expected, actual))
            {
                throw new AssertFailedException("CollectionAssert.AreEqual failed. " + message);
            }
        }

        /// <summary>Fails when both have equal elements in the same order.</summary>
        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            if (SameElements(notExpected, actual))
            {
                throw new AssertFailedException("CollectionAssert.AreNotEqual failed. " + message);
            }
        }

        private static bool SameElements(ICollection a, ICollection b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            if (a.Count != b.Count)
            {
                return false;
            }

            IEnumerator ea = a.GetEnumerator();
            IEnumerator eb = b.GetEnumerator();
            while (ea.MoveNext() && eb.MoveNext())
            {
                if (!Equals(ea.Current, eb.Current))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
