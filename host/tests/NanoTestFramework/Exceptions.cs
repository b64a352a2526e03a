using System;

namespace TestFrameworkShared
{
    /// <summary>Thrown by a failing assertion (same namespace as in nanoFramework.TestFramework).</summary>
    public class AssertFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AssertFailedException()
        {
        }

        /// <summary>Creates the exception with a message.</summary>
        public AssertFailedException(string message) : base(message)
        {
        }

        /// <summary>Creates the exception with a message and cause.</summary>
        public AssertFailedException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by <see cref="Assert.SkipTest"/>; the runner reports the test as skipped.</summary>
    public class SkipTestException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SkipTestException(string message = null, Exception innerException = null) : base(message, innerException)
        {
        }
    }
}
