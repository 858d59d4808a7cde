using System.Collections.Concurrent;
using System.Reflection;

namespace HttmOrleans.Runtime.Core;

/// <summary>Calls a grain method by reflection and turns its Task or Task&lt;T&gt; into a Task&lt;object?&gt;.</summary>
internal static class MethodInvoker
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> ResultProperties = new();
    private static readonly ConcurrentDictionary<Type, Func<Task<object?>, object>> Converters = new();
    private static readonly ConcurrentDictionary<Type, object> CompletedTasks = new();

    public static async Task<object?> InvokeAsync(object target, MethodInfo method, object?[] args)
    {
        var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, args, null);
        if (returned is not Task task) throw new GrainCallException($"{method.DeclaringType?.Name}.{method.Name} must return Task or Task<T>.");
        await task;
        var result = ResultProperties.GetOrAdd(method.ReturnType,
            t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>) ? t.GetProperty(nameof(Task<int>.Result)) : null);
        return result?.GetValue(task);
    }

    /// <summary>Makes the Task the caller's interface method declares from the runtime's Task&lt;object?&gt;.</summary>
    public static object ToDeclaredTask(Type returnType, Task<object?> task)
    {
        if (returnType == typeof(Task)) return task;
        var converter = Converters.GetOrAdd(returnType, static t =>
        {
            var resultType = t.GetGenericArguments()[0];
            var cast = typeof(MethodInvoker).GetMethod(nameof(CastAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType);
            return (Func<Task<object?>, object>)Delegate.CreateDelegate(typeof(Func<Task<object?>, object>), cast);
        });
        return converter(task);
    }

    /// <summary>A completed Task of the declared type, for calls that are only recorded (one-way sends).</summary>
    public static object Completed(Type returnType)
    {
        if (returnType == typeof(Task)) return Task.CompletedTask;
        return CompletedTasks.GetOrAdd(returnType, static t =>
        {
            var resultType = t.GetGenericArguments()[0];
            var fromResult = typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(resultType);
            return fromResult.Invoke(null, [resultType.IsValueType ? Activator.CreateInstance(resultType) : null])!;
        });
    }

    private static async Task<T> CastAsync<T>(Task<object?> task) => (T)(await task)!;
}
