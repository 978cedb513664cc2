package dev.airgen.runtime.types;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Creates generated objects read from JSON through a method handle prepared once per class. Jackson calls a
 * constructor that takes several properties with {@code MethodHandle.invokeWithArguments}, which adapts the
 * handle to the argument array again on every call; every generated class is read through such a constructor,
 * so every result a client reads paid for that. The prepared handle takes the array as it is. What the object
 * is made of, and the errors a failing constructor gives, stay Jackson's.
 */
final class CreatorInstantiators implements ValueInstantiators {

    @Override
    public @Nullable ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier description) {
        return null;
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier description,
                                                     ValueInstantiator found) {
        // Jackson's own instantiator only: a subclass (another module's) may create objects its own way.
        if (found.getClass() != StdValueInstantiator.class || !GeneratedObject.class.isAssignableFrom(found.getValueClass())) {
            return found;
        }
        MethodHandle create = spreading(found.getWithArgsCreator());
        return create == null ? found : new Prepared((StdValueInstantiator) found, create);
    }

    /**
     * A handle to the constructor behind {@code creator} that takes its arguments as one {@code Object[]}, or
     * null when the creator is not a constructor with parameters or cannot be reached this way (Jackson's own
     * call then stays in place).
     */
    static @Nullable MethodHandle spreading(@Nullable AnnotatedWithParams creator) {
        if (!(creator instanceof AnnotatedConstructor annotated) || annotated.getParameterCount() == 0) {
            return null;
        }
        Constructor<?> constructor = annotated.getAnnotated();
        try {
            // Usually accessible already: Jackson opens a private creator when it chooses it.
            if (!constructor.canAccess(null)) {
                constructor.setAccessible(true);
            }
            return MethodHandles.lookup().unreflectConstructor(constructor)
                    .asSpreader(Object[].class, constructor.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Jackson's instantiator for one generated class, with the constructor called through the prepared handle. */
    static final class Prepared extends StdValueInstantiator {
        private final MethodHandle create;

        Prepared(StdValueInstantiator source, MethodHandle create) {
            super(source);
            this.create = create;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) throws JacksonException {
            try {
                return (Object) create.invokeExact(arguments);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                // What Jackson does with a constructor that throws.
                return context.handleInstantiationProblem(_valueClass, arguments, rewrapCtorProblem(context, e));
            }
        }
    }
}
