using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Runs a test class's [Setup] methods once before its first test and its [Cleanup] methods once
    /// after its last, as the nanoFramework launcher does. Expected tests per class = one per
    /// [TestMethod], or one per [DataRow] when it has rows. Cleanups still pending when the process
    /// ends (a filtered run) run at exit.
    /// </summary>
    public sealed class ClassLifecycle
    {
        /// <summary>The instance the attributes use.</summary>
        public static readonly ClassLifecycle Shared = new ClassLifecycle();

        private readonly object _gate = new object();
        private readonly Dictionary<Type, ClassState> _classes = new Dictionary<Type, ClassState>();

        /// <summary>Creates a lifecycle tracker; cleanups left pending run when the process exits.</summary>
        public ClassLifecycle()
        {
            AppDomain.CurrentDomain.ProcessExit += (sender, args) => RunPendingCleanups();
        }

        /// <summary>Runs the class's setup if this is its first test; returns the setup's failure, if any.</summary>
        public Exception BeforeTest(Type testClass)
        {
            lock (_gate)
            {
                ClassState state;
                if (!_classes.TryGetValue(testClass, out state))
                {
                    state = new ClassState { Expected = CountExpectedTests(testClass) };
                    _classes.Add(testClass, state);
                    state.SetupFailure = InvokeAll(testClass, typeof(SetupAttribute));
                }

                return state.SetupFailure;
            }
        }

        /// <summary>Counts the test; runs the class's cleanup after its last. Returns the cleanup's failure, if any.</summary>
        public Exception AfterTest(Type testClass)
        {
            lock (_gate)
            {
                ClassState state = _classes[testClass];
                state.Ran++;
                if (state.Ran < state.Expected || state.CleanedUp)
                {
                    return null;
                }

                state.CleanedUp = true;
                return InvokeAll(testClass, typeof(CleanupAttribute));
            }
        }

        /// <summary>Runs the cleanup of every class that started but did not finish all its tests.</summary>
        public void RunPendingCleanups()
        {
            lock (_gate)
            {
                foreach (KeyValuePair<Type, ClassState> entry in _classes)
                {
                    if (!entry.Value.CleanedUp)
                    {
                        entry.Value.CleanedUp = true;
                        InvokeAll(entry.Key, typeof(CleanupAttribute));
                    }
                }
            }
        }

        /// <summary>Number of test cases the class runs: rows count separately.</summary>
        public static int CountExpectedTests(Type testClass)
        {
            int count = 0;
            foreach (MethodInfo method in testClass.GetMethods())
            {
                if (method.GetCustomAttribute<TestMethodAttribute>() == null)
                {
                    continue;
                }

                int rows = method.GetCustomAttributes<DataRowAttribute>().Count();
                count += rows == 0 ? 1 : rows;
            }

            return count;
        }

        // nanoFramework invokes these with a null instance; .NET reflection needs a target for
        // instance methods, so a throwaway instance is used (test classes hold no instance state).
        private static Exception InvokeAll(Type testClass, Type marker)
        {
            foreach (MethodInfo method in testClass.GetMethods())
            {
                if (!method.IsDefined(marker, false))
                {
                    continue;
                }

                try
                {
                    object target = method.IsStatic ? null : Activator.CreateInstance(testClass);
                    method.Invoke(target, null);
                }
                catch (TargetInvocationException ex)
                {
                    return ex.InnerException ?? ex;
                }
            }

            return null;
        }

        private sealed class ClassState
        {
            public int Expected;
            public int Ran;
            public bool CleanedUp;
            public Exception SetupFailure;
        }
    }
}
