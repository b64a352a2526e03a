// The non-equality part of nanoFramework.TestFramework's Assert API, implemented with mscorlib only
// so the same file runs on .NET (under MSTest) and compiles against the nanoFramework mscorlib.
using System;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>Assertions with the nanoFramework.TestFramework 3.0 signatures.</summary>
    public sealed partial class Assert
    {
        private Assert()
        {
        }

        /// <summary>Fails unless <paramref name="condition"/> is true.</summary>
        public static void IsTrue(bool condition, [CallerArgumentExpression("condition")] string message = "")
        {
            if (!condition)
            {
                Fail("Assert.IsTrue", string.Empty, message);
            }
        }

        /// <summary>Fails unless <paramref name="condition"/> is false.</summary>
        public static void IsFalse(bool condition, [CallerArgumentExpression("condition")] string message = "")
        {
            if (condition)
            {
                Fail("Assert.IsFalse", string.Empty, message);
            }
        }

        /// <summary>Fails unless <paramref name="value"/> is null.</summary>
        public static void IsNull(object value, [CallerArgumentExpression("value")] string message = "")
        {
            if (value != null)
            {
                Fail("Assert.IsNull", string.Empty, message);
            }
        }

        /// <summary>Fails when <paramref name="value"/> is null.</summary>
        public static void IsNotNull(object value, [CallerArgumentExpression("value")] string message = "")
        {
            if (value == null)
            {
                Fail("Assert.IsNotNull", string.Empty, message);
            }
        }

        /// <summary>Fails unless both refer to the same object.</summary>
        public static void AreSame(object expected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("Assert.AreSame", string.Empty, message);
            }
        }

        /// <summary>Fails when both refer to the same object.</summary>
        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("Assert.AreNotSame", string.Empty, message);
            }
        }

        /// <summary>Fails unless the runtime type of <paramref name="value"/> is exactly <paramref name="expectedType"/>.</summary>
        public static void IsInstanceOfType(object value, Type expectedType, [CallerArgumentExpression("value")] string message = "")
        {
            if (value == null || expectedType == null || value.GetType() != expectedType)
            {
                Fail("Assert.IsInstanceOfType", string.Empty, message);
            }
        }

        /// <summary>Fails when the runtime type of <paramref name="value"/> is exactly <paramref name="wrongType"/>.</summary>
        public static void IsNotInstanceOfType(object value, Type wrongType, [CallerArgumentExpression("value")] string message = "")
        {
            if (value != null && wrongType != null && value.GetType() == wrongType)
            {
                Fail("Assert.IsNotInstanceOfType", string.Empty, message);
            }
        }

        /// <summary>Fails unless <paramref name="action"/> throws exactly <paramref name="exceptionType"/>.</summary>
        public static void ThrowsException(Type exceptionType, Action action, [CallerArgumentExpression("action")] string message = "")
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() == exceptionType)
                {
                    return;
                }

                Fail("Assert.ThrowsException", "Threw " + ex.GetType().FullName + " instead of " + exceptionType.FullName + ".", message);
            }

            Fail("Assert.ThrowsException", "No exception thrown; expected " + exceptionType.FullName + ".", message);
        }

        /// <summary>Fails unless <paramref name="value"/> contains <paramref name="expected"/>.</summary>
        public static void Contains(string expected, string value, [CallerArgumentExpression("value")] string message = "")
        {
            if (expected == null || value == null || value.IndexOf(expected) < 0)
            {
                Fail("Assert.Contains", "Expected to contain:<" + expected + ">. Actual:<" + value + ">.", message);
            }
        }

        /// <summary>Fails when <paramref name="value"/> contains <paramref name="notExpected"/>.</summary>
        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression("value")] string message = "")
        {
            if (notExpected == null || value == null || value.IndexOf(notExpected) >= 0)
            {
                Fail("Assert.DoesNotContains", "Expected not to contain:<" + notExpected + ">. Actual:<" + value + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="value"/> starts with <paramref name="expected"/>.</summary>
        public static void StartsWith(string expected, string value, [CallerArgumentExpression("value")] string message = "")
        {
            if (expected == null || value == null || value.IndexOf(expected) != 0)
            {
                Fail("Assert.StartsWith", "Expected start:<" + expected + ">. Actual:<" + value + ">.", message);
            }
        }

        /// <summary>Fails unless <paramref name="value"/> ends with <paramref name="expected"/>.</summary>
        public static void EndsWith(string expected, string value, [CallerArgumentExpression("value")] string message = "")
        {
            if (expected == null || value == null || value.Length < expected.Length
                || value.Substring(value.Length - expected.Length) != expected)
            {
                Fail("Assert.EndsWith", "Expected end:<" + expected + ">. Actual:<" + value + ">.", message);
            }
        }

        /// <summary>Stops the test and reports it as skipped.</summary>
        public static void SkipTest(string message = null)
        {
            throw new SkipTestException(message);
        }

        private static bool ValuesEqual(object expected, object actual)
        {
            if (expected == null)
            {
                return actual == null;
            }

            return expected.Equals(actual);
        }

        private static string Show(object value)
        {
            return value == null ? "(null)" : value.ToString();
        }

        private static void Fail(string assertion, string detail, string message)
        {
            string text = assertion + " failed.";
            if (detail.Length > 0)
            {
                text = text + " " + detail;
            }

            if (message != null && message.Length > 0)
            {
                text = text + " " + message;
            }

            throw new AssertFailedException(text);
        }
    }
}
