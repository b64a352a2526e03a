// Mirrors the public API of nanoFramework.TestFramework's Assert (AreEqual/AreNotEqual overloads)
// so that test sources compile unchanged against either; implemented with mscorlib only.
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    public sealed partial class Assert
    {
        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(System.DateTime expected, System.DateTime actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(System.DateTime notExpected, System.DateTime actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="expected"/> equals <paramref name="actual"/>.</summary>
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ValuesEqual(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="notExpected"/> equals <paramref name="actual"/>.</summary>
        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ValuesEqual(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }
    }
}
